import type { Insertable, Selectable, Updateable } from 'kysely';
import type { SyncedColumns } from './synced-columns.table';

import type { CaseStatus, Phase } from '../../../shared/domain/case/case';

export type { CaseStatus };

export interface CaseTable extends SyncedColumns {
  id: string;
  case_number: string;
  person_id: string;
  office_id: string;
  caseworker_id: string;
  phase: Phase;
  status: CaseStatus;
  opened_on: string;
  closed_on: string | null;
  last_contact_on: string | null;
  next_review_on: string | null;
}

export type CaseRow = Selectable<CaseTable>;
export type NewCaseRow = Insertable<CaseTable>;
export type CaseUpdate = Updateable<CaseTable>;
