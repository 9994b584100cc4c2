/**
 * Demo cases of the embedded demo server (`npm start`): the demo caseworker's caseload lives on the
 * server, as it does in production, and every desktop that signs in gets it with its first sync (the
 * team lead sees it as the team's cases). Only with DEMO_ACCOUNTS=true (never next to DATABASE_URL).
 * The records come from the same generator as the browser mode's local demo data (src/shared/demo).
 */
import { createHash } from 'node:crypto';
import { generateDemoCases } from '../../../shared/demo/demo-data';
import { demoCaseRows } from '../../../shared/demo/demo-rows';
import { sql, type Kysely } from 'kysely';
import type { ServerDb } from '../../db/server-db';

/** A record to store as if its caseworker had pushed it: row version 1, every field at version 1. */
export interface SeedRecord {
  readonly entity: string;
  readonly id: string;
  readonly caseId: string;
  readonly row: Readonly<Record<string, unknown>>;
}

/** Rows per statement: 11 parameters a row, PostgreSQL allows 65,535 per statement. */
const CHUNK = 2_500;

/**
 * Writes cases straight into the server's tables: their entries in the case directory (assigned to
 * `userId`, in `officeId` and `teamId`), the records into sync_records
 * and the change log in the records' order (a pull sends a household before its person), one
 * transaction per chunk. For the demo server and the bench; production data arrives by push.
 */
export async function seedCaseRecords(
  db: Kysely<ServerDb>,
  s: {
    userId: string;
    officeId: string;
    teamId: string | null;
    records: readonly SeedRecord[];
    by: string;
    at: Date;
  },
): Promise<void> {
  const caseIds = [...new Set(s.records.map((r) => r.caseId))];
  for (let i = 0; i < caseIds.length; i += CHUNK) {
    await db
      .insertInto('case_directory')
      .values(
        caseIds.slice(i, i + CHUNK).map((caseId) => ({
          case_id: caseId,
          office_id: s.officeId,
          team_id: s.teamId,
          assigned_user_id: s.userId,
          created_at: s.at,
          updated_at: s.at,
        })),
      )
      .execute();
  }
  for (let i = 0; i < s.records.length; i += CHUNK) {
    const part = s.records.slice(i, i + CHUNK);
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('sync_records')
        .values(
          part.map((r) => ({
            entity: r.entity,
            id: r.id,
            case_id: r.caseId,
            row_version: '1',
            data: JSON.stringify(r.row),
            field_meta: JSON.stringify(
              Object.fromEntries(Object.keys(r.row).map((k) => [k, { v: 1, hlc: '', by: s.by }])),
            ),
            created_by: s.userId,
            updated_by: s.userId,
            created_at: s.at,
            updated_at: s.at,
          })),
        )
        .execute();
      await trx
        .insertInto('change_log')
        .values(
          part.map((r) => ({
            case_id: r.caseId,
            entity: r.entity,
            entity_id: r.id,
            row_version: '1',
            op: 'create',
          })),
        )
        .execute();
    });
  }
  // A bulk load leaves the planner's statistics behind (autovacuum analyses only after a while):
  // without them the pull's change-log query sorts the whole remaining log for every page instead of
  // reading it in index order (measured at 10,000 cases: 93 ms instead of 9 ms per page of 1,000).
  await sql`analyze case_directory, sync_records, change_log`.execute(db);
}

/**
 * Gives the demo caseworker `username` a caseload of `cases` invented cases around `today`, once:
 * nothing happens when the user is missing or already has cases. Returns the number of cases written.
 */
export async function ensureDemoCases(
  d: { readonly db: Kysely<ServerDb>; readonly clock: { now(): Date } },
  o: { readonly username: string; readonly cases: number; readonly seed: number; readonly today: string },
): Promise<number> {
  const user = await d.db
    .selectFrom('users')
    .select(['id', 'office_id', 'team_id'])
    .where('username', '=', o.username)
    .executeTakeFirst();
  if (!user) return 0;
  const existing = await d.db
    .selectFrom('case_directory')
    .select('case_id')
    .where('assigned_user_id', '=', user.id)
    .limit(1)
    .executeTakeFirst();
  if (existing) return 0;
  const records: SeedRecord[] = [];
  let written = 0;
  for (const c of generateDemoCases({
    cases: o.cases,
    seed: o.seed,
    today: o.today,
    caseworkers: [user.id],
    sha256: (text) => createHash('sha256').update(text).digest('hex'),
  })) {
    records.push(...demoCaseRows(c));
    written += 1;
  }
  await seedCaseRecords(d.db, {
    userId: user.id,
    officeId: user.office_id,
    teamId: user.team_id,
    records,
    by: 'demo-setup',
    at: d.clock.now(),
  });
  return written;
}
