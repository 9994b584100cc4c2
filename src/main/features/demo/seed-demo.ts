import type { RawDatabase } from '../../db/open-encrypted-db';
import { generateDemoCases, type DemoOptions } from './demo-data';
import { OFFICES } from './demo-vocabulary';

/**
 * Writes synthetic demo cases into an open local database, as if they had been pulled from the
 * server (row_version 1, no outbox entries: they are not local edits). Batched transactions with
 * prepared statements: 100,000 cases take seconds, not minutes.
 */
export function seedDemoData(
  raw: RawDatabase,
  options: DemoOptions & { batchSize?: number; now?: string },
): { cases: number } {
  const now = options.now ?? `${options.today}T07:00:00.000Z`;
  const insertOffice = raw.prepare(
    'INSERT OR IGNORE INTO offices (id, code, name, town, is_head_office) VALUES (?, ?, ?, ?, ?)',
  );
  const insertHousehold = raw.prepare(
    `INSERT INTO households (id, household_number, members, children_under_18, single_parent,
       case_id, row_version, created_at, updated_at, created_by, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, 'demo', 'demo')`,
  );
  const insertPerson = raw.prepare(
    `INSERT INTO persons (id, household_id, customer_number, first_name, last_name, birth_date, gender, nationality,
       preferred_language, street, postal_code, town, phone, email, severely_disabled,
       case_id, row_version, created_at, updated_at, created_by, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, 'demo', 'demo')`,
  );
  const insertCase = raw.prepare(
    `INSERT INTO cases (id, case_number, person_id, office_id, caseworker_id, phase, status, opened_on,
       last_contact_on, next_review_on, case_id, row_version, created_at, updated_at, created_by, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, 'demo', 'demo')`,
  );
  const insertAppointment = raw.prepare(
    `INSERT INTO appointments (id, starts_at, duration_minutes, kind, location, status,
       case_id, row_version, created_at, updated_at, created_by, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, 'demo', 'demo')`,
  );
  const insertNote = raw.prepare(
    `INSERT INTO notes (id, category, title, body, restricted,
       case_id, row_version, created_at, updated_at, created_by, updated_by)
     VALUES (?, ?, ?, ?, 0, ?, 1, ?, ?, 'demo', 'demo')`,
  );

  raw.transaction(() => {
    for (const o of OFFICES) insertOffice.run(o.id, o.code, o.name, o.town, o.isHeadOffice ? 1 : 0);
  })();

  const batchSize = options.batchSize ?? 2_000;
  const generator = generateDemoCases(options);
  let written = 0;
  const writeBatch = raw.transaction((count: number) => {
    let n = 0;
    for (; n < count; n += 1) {
      const next = generator.next();
      if (next.done) break;
      const { household: h, person: p, case: c, appointments, notes } = next.value;
      insertHousehold.run(
        h.id,
        h.household_number,
        h.members,
        h.children_under_18,
        h.single_parent,
        c.id,
        now,
        now,
      );
      insertPerson.run(
        p.id,
        h.id,
        p.customer_number,
        p.first_name,
        p.last_name,
        p.birth_date,
        p.gender,
        p.nationality,
        p.preferred_language,
        p.street,
        p.postal_code,
        p.town,
        p.phone,
        p.email,
        p.severely_disabled,
        c.id,
        now,
        now,
      );
      insertCase.run(
        c.id,
        c.case_number,
        p.id,
        c.office_id,
        c.caseworker_id,
        c.phase,
        c.status,
        c.opened_on,
        c.last_contact_on,
        c.next_review_on,
        c.id,
        now,
        now,
      );
      for (const a of appointments)
        insertAppointment.run(
          a.id,
          a.starts_at,
          a.duration_minutes,
          a.kind,
          a.location,
          a.status,
          c.id,
          now,
          now,
        );
      for (const note of notes)
        insertNote.run(note.id, note.category, note.title, note.body, c.id, note.created_at, note.created_at);
    }
    return n;
  });
  for (;;) {
    const n = writeBatch(batchSize) as number;
    written += n;
    if (n < batchSize) break;
  }
  return { cases: written };
}
