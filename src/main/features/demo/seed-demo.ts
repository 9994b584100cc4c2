import { ENTITIES, type EntityName } from '../../../shared/entities/index';
import type { SyncedRow } from '../../../shared/sync/protocol';
import { applyServerRows } from '../../db/apply-server-rows';
import type { RawDatabase } from '../../db/open-encrypted-db';
import { DEMO_CASEWORKERS, generateDemoCases, type DemoCase, type DemoOptions } from './demo-data';
import { OFFICES } from './demo-vocabulary';
import { demoTeamDirectory } from './demo-directory';
import { TEAM_DIRECTORY_KEY } from '../directory/team-directory';

/** A demo record as the server would send it: row version 1, every field at version 1. */
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

/** The records of one demo case as the server would send them in a pull (households first). */
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

/**
 * Writes synthetic demo cases into an open local database, as if they had been pulled from the
 * server: through the same apply path as a pull (row_version 1, no outbox entries: they are not
 * local edits). Batched transactions: 100,000 cases take seconds, not minutes.
 */
export function seedDemoData(
  raw: RawDatabase,
  options: DemoOptions & { batchSize?: number; now?: string },
): { cases: number } {
  const now = options.now ?? `${options.today}T07:00:00.000Z`;
  const insertOffice = raw.prepare(
    'INSERT OR IGNORE INTO offices (id, code, name, town, is_head_office) VALUES (?, ?, ?, ?, ?)',
  );
  raw.transaction(() => {
    for (const o of OFFICES) insertOffice.run(o.id, o.code, o.name, o.town, o.isHeadOffice ? 1 : 0);
    // the names of the demo team (quality screens); a server's directory replaces it at hello
    raw
      .prepare(
        'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      )
      .run(TEAM_DIRECTORY_KEY, JSON.stringify(demoTeamDirectory(options.caseworkers ?? DEMO_CASEWORKERS)));
  })();

  const batchSize = options.batchSize ?? 2_000;
  const generator = generateDemoCases(options);
  let written = 0;
  const writeBatch = raw.transaction((count: number) => {
    let n = 0;
    const rows: SyncedRow[] = [];
    for (; n < count; n += 1) {
      const next = generator.next();
      if (next.done) break;
      rows.push(...demoCaseRows(next.value));
    }
    const result = applyServerRows(raw, rows, { now });
    if (result.invalid.length > 0)
      throw new Error(`demo data invalid: ${result.invalid[0]!.entity} ${result.invalid[0]!.problem}`);
    return n;
  });
  for (;;) {
    const n = writeBatch(batchSize) as number;
    written += n;
    if (n < batchSize) break;
  }
  return { cases: written };
}
