import type { Generated, Selectable } from 'kysely';
import type { AppointmentStatus } from '../../../shared/domain/case/appointment';
import type { CaseStatus } from '../../../shared/domain/case/case';
import type { Entities, EntityName, LocalColumnsOf } from '../../../shared/entities/index';
import type { SyncedColumns } from './synced-columns.table';

export type { AppointmentStatus, CaseStatus };

/**
 * The local table of a synced record type, DERIVED from its one definition (src/shared/entities):
 * id, the synced bookkeeping columns and one column per field. Nothing here lists a field.
 */
export type EntityTable<E extends EntityName> = { id: string } & SyncedColumns & LocalColumnsOf<Entities[E]>;

/**
 * Columns from before the entity spine (migration 0010) that no definition names any more. They stay
 * (migrations only add) and the write path keeps them in step (see local-derived.ts).
 */
export interface LegacyColumns {
  persons: { severely_disabled: Generated<number> };
  households: { members: number; children_under_18: Generated<number>; single_parent: Generated<number> };
}

export type LocalEntityTables = {
  [E in EntityName]: EntityTable<E> & (E extends keyof LegacyColumns ? LegacyColumns[E] : unknown);
};

export type EntityRow<E extends EntityName> = Selectable<LocalEntityTables[E]>;
export type CaseRow = EntityRow<'cases'>;
export type PersonRow = EntityRow<'persons'>;
export type HouseholdRow = EntityRow<'households'>;
export type AppointmentRow = EntityRow<'appointments'>;
export type NoteRow = EntityRow<'notes'>;
