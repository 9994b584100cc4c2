/**
 * The demo records as the server stores and sends them: row version 1, every field at version 1.
 * The desktop applies them as if pulled (browser mode without a server, tests, the bench); the
 * embedded demo server stores them for its demo caseworker (`npm start`), and the desktop pulls them.
 */
import { ENTITIES, type EntityName } from '../entities/index';
import type { SyncedRow } from '../sync/protocol';
import type { DemoCase } from './demo-data';

function asPulled(
  entity: EntityName,
  caseId: string,
  record: { id: string } & Record<string, unknown>,
): SyncedRow {
  const { id, ...row } = record;
  // the generator's records come out of the domain's schemas: only missing fields get their defaults
  // (applyServerRows checks every value against the definition before it writes)
  const parsed = Object.fromEntries(
    Object.entries(ENTITIES[entity].fields).map(([k, f]) => [
      k,
      row[k] === undefined ? f.schema.parse(undefined) : row[k],
    ]),
  );
  return {
    entity,
    id,
    caseId,
    rowVersion: 1,
    archived: false,
    row: parsed,
    fieldVersions: Object.fromEntries(Object.keys(parsed).map((k) => [k, 1])),
  };
}

/** The records of one demo case in the order a pull sends them (households first). */
export function demoCaseRows(d: DemoCase): SyncedRow[] {
  const caseId = d.case.id;
  return [
    asPulled('households', caseId, d.household),
    asPulled('persons', caseId, { ...d.person, householdId: d.household.id }),
    asPulled('cases', caseId, d.case),
    ...d.appointments.map((a) => asPulled('appointments', caseId, a)),
    ...d.contacts.map((c) => asPulled('contacts', caseId, c)),
    ...d.notes.map((note) => asPulled('notes', caseId, note)),
    ...d.consents.map((c) => asPulled('consents', caseId, c)),
    ...d.assessments.map((a) => asPulled('assessments', caseId, a)),
    ...d.goals.map((g) => asPulled('goals', caseId, g)),
    ...d.strategyChoices.map((s) => asPulled('strategy_choices', caseId, s)),
    ...d.assignments.map((a) => asPulled('measure_assignments', caseId, a)),
    ...d.plans.map((p) => asPulled('cooperation_plans', caseId, p)),
    ...d.ownEfforts.map((e) => asPulled('own_efforts', caseId, e)),
    ...d.handovers.map((h) => asPulled('plan_handovers', caseId, h)),
  ];
}
