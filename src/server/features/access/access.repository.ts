import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../../db/server-db';
import type { Principal } from '../auth/roles';
import { writesCaseRecords } from '../../../shared/auth/roles';

/**
 * The cases a user may READ, as a subquery of case ids (SYNC.md §4.5):
 * - caseworker: assigned cases, plus cases of colleagues they currently substitute for;
 * - team lead: all cases of their team (read-only);
 * - data protection: only cases opened with an active break-glass grant (read-only);
 * - specialist admin: no case content.
 */
export function readScope(db: Executor, p: Principal, now: Date) {
  switch (p.role) {
    case 'caseworker':
      return db
        .selectFrom('case_directory')
        .select('case_directory.case_id')
        .where((eb) =>
          eb.or([
            eb('case_directory.assigned_user_id', '=', p.userId),
            eb(
              'case_directory.assigned_user_id',
              'in',
              eb
                .selectFrom('substitutions')
                .select('substitutions.absent_user_id')
                .where('substitutions.substitute_user_id', '=', p.userId)
                .where('substitutions.valid_from', '<=', now)
                .where('substitutions.valid_until', '>', now),
            ),
          ]),
        );
    case 'team_lead':
      return db
        .selectFrom('case_directory')
        .select('case_directory.case_id')
        .where(p.teamId === null ? sql<SqlBool>`false` : sql<SqlBool>`case_directory.team_id = ${p.teamId}`);
    case 'data_protection':
      return db
        .selectFrom('break_glass_grants')
        .select('break_glass_grants.case_id')
        .where('break_glass_grants.user_id', '=', p.userId)
        .where('break_glass_grants.granted_at', '<=', now)
        .where('break_glass_grants.expires_at', '>', now);
    case 'specialist_admin':
      return db
        .selectFrom('case_directory')
        .select('case_directory.case_id')
        .where(sql<SqlBool>`false`);
  }
}

/** Only caseworkers write case content, and only in their read scope. */
export function writeScope(db: Executor, p: Principal, now: Date) {
  if (!writesCaseRecords(p.role)) {
    return db
      .selectFrom('case_directory')
      .select('case_directory.case_id')
      .where(sql<SqlBool>`false`);
  }
  return readScope(db, p, now);
}

export async function scopeCaseIds(db: Executor, p: Principal, now: Date): Promise<string[]> {
  const rows = await readScope(db, p, now).execute();
  return [...new Set(rows.map((r) => ('case_id' in r ? r.case_id : '')))].filter((id) => id !== '');
}

export async function filterCases(
  db: Executor,
  p: Principal,
  now: Date,
  caseIds: readonly string[],
  mode: 'read' | 'write',
): Promise<Set<string>> {
  if (caseIds.length === 0) return new Set();
  const scope = mode === 'read' ? readScope(db, p, now) : writeScope(db, p, now);
  const rows = await db
    .selectFrom(scope.as('s'))
    .select('s.case_id')
    .where('s.case_id', 'in', [...caseIds])
    .execute();
  return new Set(rows.map((r) => r.case_id));
}

export function inScope(p: Principal, db: Executor, now: Date, caseIdColumn: Expression<string>) {
  return sql<SqlBool>`${caseIdColumn} in (${readScope(db, p, now)})`;
}

export function findCaseDirectory(db: Executor, caseId: string) {
  return db.selectFrom('case_directory').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

/**
 * Who may READ any of `caseIds` now, in the terms of `readScope` (keep the two in step): the
 * assigned caseworkers and their current substitutes, the teams (for team leads) and the users
 * with an active break-glass grant. Used to address SSE pokes without a query per connection.
 */
export async function readersOfCases(
  db: Executor,
  caseIds: readonly string[],
  now: Date,
): Promise<{ caseworkers: Set<string>; teams: Set<string>; grantees: Set<string> }> {
  const out = { caseworkers: new Set<string>(), teams: new Set<string>(), grantees: new Set<string>() };
  if (caseIds.length === 0) return out;
  const ids = [...caseIds];
  const cases = await db
    .selectFrom('case_directory')
    .select(['assigned_user_id', 'team_id'])
    .where('case_id', 'in', ids)
    .execute();
  const assigned = [
    ...new Set(cases.flatMap((c) => (c.assigned_user_id === null ? [] : [c.assigned_user_id]))),
  ];
  for (const c of cases) {
    if (c.assigned_user_id !== null) out.caseworkers.add(c.assigned_user_id);
    if (c.team_id !== null) out.teams.add(c.team_id);
  }
  if (assigned.length > 0) {
    const subs = await db
      .selectFrom('substitutions')
      .select('substitute_user_id')
      .where('absent_user_id', 'in', assigned)
      .where('valid_from', '<=', now)
      .where('valid_until', '>', now)
      .execute();
    for (const s of subs) out.caseworkers.add(s.substitute_user_id);
  }
  const grants = await db
    .selectFrom('break_glass_grants')
    .select('user_id')
    .where('case_id', 'in', ids)
    .where('granted_at', '<=', now)
    .where('expires_at', '>', now)
    .execute();
  for (const g of grants) out.grantees.add(g.user_id);
  return out;
}
