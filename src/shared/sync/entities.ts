/**
 * The synced entities and, per entity, the zod schema of each syncable field. This is the ONE place
 * where the wire format meets the domain: the desktop's local tables (SYNC.md §4.3) and the domain
 * schemas in src/shared/domain are reconciled here. Field maps are deliberately plain for now.
 *
 * Every synced row carries `caseId` (the partitioning unit, SYNC.md §4.5); for `cases` the row id
 * IS the case id.
 */
import { z } from 'zod';
import { CASE_STATUSES, type CaseStatus } from '../domain/case/case';

export const SYNC_ENTITIES = [
  'cases',
  'persons',
  'households',
  'appointments',
  'notes',
  'assessments',
  'goals',
  'measure_assignments',
  'cooperation_plans',
] as const;
export type SyncEntity = (typeof SYNC_ENTITIES)[number];
export const syncEntitySchema = z.enum(SYNC_ENTITIES);

const text = (max: number) => z.string().max(max).nullable();
const isoDate = z.iso.date().nullable();
const isoDateTime = z.iso.datetime({ offset: true }).nullable();
const id = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/)
  .nullable();
const stringList = z.array(z.string().max(500)).max(200);

/** Case statuses and phases are the domain's (src/shared/domain/case), one vocabulary everywhere. */
export { CASE_STATUSES, type CaseStatus };

/** Allowed case status transitions (server-validated state machine, SYNC.md §4.4). */
export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  aktiv: ['ruhend', 'abgeschlossen'],
  ruhend: ['aktiv', 'abgeschlossen'],
  abgeschlossen: ['aktiv'],
};

export const ENTITY_FIELDS = {
  cases: {
    status: z.enum(CASE_STATUSES),
    phase: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).nullable(),
    title: text(200),
    riskLevel: z.enum(['low', 'medium', 'high']).nullable(),
    profileSituation: text(100),
    integrationForecast: text(100),
    openedOn: isoDate,
    closedOn: isoDate,
  },
  persons: {
    householdId: id,
    firstName: text(200),
    lastName: text(200),
    dateOfBirth: isoDate,
    customerNumber: text(50),
    phone: text(50),
    email: text(200),
    address: text(500),
  },
  households: {
    bgNumber: text(50),
    memberCount: z.number().int().min(0).max(50).nullable(),
  },
  appointments: {
    personId: id,
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    kind: text(100),
    location: text(200),
    status: z.enum(['planned', 'done', 'cancelled', 'missed']).nullable(),
  },
  notes: {
    personId: id,
    title: text(200),
    body: text(50_000),
    writtenAt: isoDateTime,
  },
  assessments: {
    personId: id,
    status: z.enum(['draft', 'finalized']),
    answers: z.record(
      z.string().max(100),
      z.union([z.string().max(5000), z.number(), z.boolean(), z.null()]),
    ),
    strengths: stringList,
    needs: stringList,
    profileSituation: text(100),
    finalizedAt: isoDateTime,
  },
  goals: {
    personId: id,
    title: text(500),
    targetOccupation: text(200),
    dueOn: isoDate,
    status: z.enum(['open', 'achieved', 'dropped']).nullable(),
  },
  measure_assignments: {
    personId: id,
    measureKey: text(100),
    providerName: text(200),
    startsOn: isoDate,
    endsOn: isoDate,
    status: z.enum(['proposed', 'assigned', 'started', 'completed', 'aborted']).nullable(),
  },
  cooperation_plans: {
    personId: id,
    version: z.number().int().min(1).max(10_000).nullable(),
    content: z.record(z.string().max(100), z.unknown()).nullable(),
    signedOn: isoDate,
    printedHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .nullable(),
  },
} as const satisfies Record<SyncEntity, Record<string, z.ZodType>>;

/** Fields that must be present when a row is created. */
export const REQUIRED_ON_CREATE: Readonly<Partial<Record<SyncEntity, readonly string[]>>> = {
  cases: ['status'],
  assessments: ['status'],
};

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** Checks field names and values of a mutation against its entity. Pure; German messages. */
export function checkEntityFields(
  entity: SyncEntity,
  fields: Readonly<Record<string, unknown>>,
): FieldProblem[] {
  const known: Record<string, z.ZodType> = ENTITY_FIELDS[entity];
  const problems: FieldProblem[] = [];
  for (const [name, value] of Object.entries(fields)) {
    const schema = Object.hasOwn(known, name) ? known[name] : undefined;
    if (!schema) {
      problems.push({ field: name, message: `Das Feld „${name.slice(0, 60)}“ ist für ${entity} unbekannt.` });
      continue;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      problems.push({ field: name, message: parsed.error.issues[0]?.message ?? 'Ungültiger Wert.' });
    }
  }
  return problems;
}
