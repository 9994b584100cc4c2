import { AppError } from '../../../shared/errors';
import type { Clock, IdGenerator } from '../../context';
import type { Executor } from '../../db/server-db';
import { appendAudit, appendAuditMany } from '../audit/audit.repository';
import { revokeClientTokens, revokeUserTokens } from '../auth/auth.repository';
import { hashPassword } from '../auth/passwords';
import type { Principal, Role } from '../auth/roles';

export interface AdminDeps {
  readonly db: Executor;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly scryptN?: number;
  /** Substitution rules (config SUBSTITUTION_MAX_DAYS, SUBSTITUTION_ACROSS_OFFICES). */
  readonly substitutions?: { readonly maxDays: number; readonly acrossOffices: boolean };
}

/** The offices are the domain's (one vocabulary on the desktop, the wire and the server). */
import { OFFICES } from '../../../shared/domain/case/office';
export { OFFICES };

const DEFAULT_SUBSTITUTIONS = { maxDays: 90, acrossOffices: false } as const;

/** Postgres unique violation → CONFLICT; foreign key violation → NOT_FOUND. */
function mapDbError(error: unknown, what: string): never {
  const code = (error as { code?: string }).code;
  if (code === '23505') throw new AppError('CONFLICT', `${what} existiert bereits.`);
  if (code === '23503')
    throw new AppError(
      'NOT_FOUND',
      'Ein verknüpfter Datensatz (Standort, Team oder Person) existiert nicht.',
    );
  throw error;
}

export async function createOffice(
  d: AdminDeps,
  actor: string,
  o: { id: string; name: string },
): Promise<void> {
  const at = d.clock.now();
  await d.db
    .insertInto('offices')
    .values({ id: o.id, name: o.name, created_at: at })
    .execute()
    .catch((e: unknown) => mapDbError(e, 'Der Standort'));
  await appendAudit(d.db, { at, userId: actor, clientId: null, action: 'office_created', entityId: o.id });
}

export async function ensureOffices(d: AdminDeps, actor: string): Promise<void> {
  for (const o of OFFICES) {
    const exists = await d.db.selectFrom('offices').select('id').where('id', '=', o.id).executeTakeFirst();
    if (!exists) await createOffice(d, actor, o);
  }
}

export async function createTeam(
  d: AdminDeps,
  actor: string,
  t: { id: string; officeId: string; name: string },
): Promise<void> {
  const at = d.clock.now();
  await d.db
    .insertInto('teams')
    .values({ id: t.id, office_id: t.officeId, name: t.name, created_at: at })
    .execute()
    .catch((e: unknown) => mapDbError(e, 'Das Team'));
  await appendAudit(d.db, { at, userId: actor, clientId: null, action: 'team_created', entityId: t.id });
}

export interface NewUser {
  readonly id?: string | undefined;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly officeId: string;
  readonly teamId: string | null;
  readonly password: string;
}

export async function createUser(d: AdminDeps, actor: string, u: NewUser): Promise<string> {
  const at = d.clock.now();
  if ((u.role === 'caseworker' || u.role === 'team_lead') && !u.teamId) {
    throw new AppError('VALIDATION_FAILED', 'Integrationsfachkräfte und Teamleitungen brauchen ein Team.');
  }
  if (u.teamId) {
    const team = await d.db
      .selectFrom('teams')
      .select('office_id')
      .where('id', '=', u.teamId)
      .executeTakeFirst();
    if (!team) throw new AppError('NOT_FOUND', 'Das Team existiert nicht.');
    if (team.office_id !== u.officeId)
      throw new AppError('VALIDATION_FAILED', 'Das Team gehört zu einem anderen Standort.');
  }
  const id = u.id ?? d.ids.id();
  const passwordHash = await hashPassword(u.password, d.ids.random(16), d.scryptN);
  await d.db
    .insertInto('users')
    .values({
      id,
      username: u.username,
      display_name: u.displayName,
      role: u.role,
      office_id: u.officeId,
      team_id: u.teamId,
      password_hash: passwordHash,
      created_at: at,
    })
    .execute()
    .catch((e: unknown) => mapDbError(e, 'Der Benutzername'));
  await appendAudit(d.db, {
    at,
    userId: actor,
    clientId: null,
    action: 'user_created',
    entityId: id,
    detail: { role: u.role },
  });
  return id;
}

/** Caseload assignment: admin anywhere, team lead only within their own team. */
export async function assignCase(
  d: AdminDeps,
  actor: Principal,
  a: { caseId: string; assignedUserId: string; teamId?: string | undefined },
): Promise<void> {
  const at = d.clock.now();
  const target = await d.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', a.assignedUserId)
    .executeTakeFirst();
  if (!target || target.role !== 'caseworker')
    throw new AppError('NOT_FOUND', 'Die Integrationsfachkraft existiert nicht.');
  const existing = await d.db
    .selectFrom('case_directory')
    .selectAll()
    .where('case_id', '=', a.caseId)
    .executeTakeFirst();
  const teamId = a.teamId ?? target.team_id;
  if (actor.role === 'team_lead') {
    const ownTeam = actor.teamId !== null && teamId === actor.teamId && target.team_id === actor.teamId;
    // An id no case has yet is refused like another team's case: team leads cannot claim ids in
    // advance, and the answer does not tell whether a case exists.
    const ownCase = existing !== undefined && existing.team_id === actor.teamId;
    if (!ownTeam || !ownCase)
      throw new AppError('FORBIDDEN', 'Teamleitungen können nur Fälle ihres Teams zuweisen.');
  } else if (actor.role !== 'specialist_admin') {
    throw new AppError('FORBIDDEN');
  }
  if (existing) {
    await d.db
      .updateTable('case_directory')
      .set({ assigned_user_id: target.id, team_id: teamId, office_id: target.office_id, updated_at: at })
      .where('case_id', '=', a.caseId)
      .execute();
  } else {
    await d.db
      .insertInto('case_directory')
      .values({
        case_id: a.caseId,
        office_id: target.office_id,
        team_id: teamId,
        assigned_user_id: target.id,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }
  await appendAudit(d.db, {
    at,
    userId: actor.userId,
    clientId: actor.clientId,
    action: 'case_assigned',
    caseId: a.caseId,
    detail: { assignedUserId: target.id },
  });
}

export async function createSubstitution(
  d: AdminDeps,
  actor: Principal,
  s: { absentUserId: string; substituteUserId: string; validFrom: Date; validUntil: Date },
): Promise<string> {
  const at = d.clock.now();
  if (s.validUntil <= s.validFrom)
    throw new AppError('VALIDATION_FAILED', 'Das Ende der Vertretung muss nach dem Beginn liegen.');
  const users = await d.db
    .selectFrom('users')
    .selectAll()
    .where('id', 'in', [s.absentUserId, s.substituteUserId])
    .execute();
  const absent = users.find((u) => u.id === s.absentUserId);
  const substitute = users.find((u) => u.id === s.substituteUserId);
  if (!absent || !substitute || absent.role !== 'caseworker' || substitute.role !== 'caseworker') {
    throw new AppError('NOT_FOUND', 'Beide Personen müssen Integrationsfachkräfte sein.');
  }
  if (actor.role === 'team_lead' && (absent.team_id !== actor.teamId || actor.teamId === null)) {
    throw new AppError('FORBIDDEN', 'Teamleitungen können nur Vertretungen in ihrem Team anlegen.');
  } else if (actor.role !== 'team_lead' && actor.role !== 'specialist_admin') {
    throw new AppError('FORBIDDEN');
  }
  // The substitute reads and writes the absent colleague's cases: same office, unless the
  // administrator allows substitutions across offices (then only the specialist admin sets them).
  const policy = d.substitutions ?? DEFAULT_SUBSTITUTIONS;
  if (
    substitute.office_id !== absent.office_id &&
    (actor.role !== 'specialist_admin' || !policy.acrossOffices)
  ) {
    throw new AppError('FORBIDDEN', 'Die Vertretung muss zum selben Standort gehören.');
  }
  if (substitute.disabled_at || absent.id === substitute.id) {
    throw new AppError('VALIDATION_FAILED', 'Diese Person kann nicht als Vertretung eingetragen werden.');
  }
  if (s.validUntil.getTime() - s.validFrom.getTime() > policy.maxDays * 86_400_000) {
    throw new AppError('VALIDATION_FAILED', `Eine Vertretung dauert höchstens ${policy.maxDays} Tage.`);
  }
  if (s.validUntil.getTime() <= at.getTime()) {
    throw new AppError('VALIDATION_FAILED', 'Das Ende der Vertretung liegt in der Vergangenheit.');
  }
  const id = d.ids.id();
  await d.db
    .insertInto('substitutions')
    .values({
      id,
      absent_user_id: s.absentUserId,
      substitute_user_id: s.substituteUserId,
      valid_from: s.validFrom,
      valid_until: s.validUntil,
      created_by: actor.userId,
      created_at: at,
    })
    .execute();
  await appendAudit(d.db, {
    at,
    userId: actor.userId,
    clientId: actor.clientId,
    action: 'substitution_created',
    entityId: id,
  });
  return id;
}

/** Device revocation (and optionally remote wipe at next contact); refresh tokens die at once. */
export async function revokeDevice(
  d: AdminDeps,
  actor: string,
  clientId: string,
  wipe: boolean,
): Promise<void> {
  const at = d.clock.now();
  const result = await d.db
    .updateTable('sync_clients')
    .set({ revoked_at: at, ...(wipe ? { wipe_requested_at: at } : {}) })
    .where('client_id', '=', clientId)
    .returning('client_id')
    .executeTakeFirst();
  if (!result) throw new AppError('NOT_FOUND', 'Das Gerät ist nicht registriert.');
  await revokeClientTokens(d.db, clientId, at);
  await appendAudit(d.db, {
    at,
    userId: actor,
    clientId,
    action: wipe ? 'device_wipe_requested' : 'device_revoked',
  });
}

/**
 * Offboarding: the user can no longer log in, every device of theirs is revoked (optionally with
 * remote wipe at its next contact) and every refresh token ends; access tokens end with them
 * (authenticate checks user, device and token family on every request). Audited.
 */
export async function disableUser(
  d: AdminDeps,
  actor: string,
  userId: string,
  wipe: boolean,
): Promise<{ devices: number }> {
  const at = d.clock.now();
  const user = await d.db
    .updateTable('users')
    .set({ disabled_at: at })
    .where('id', '=', userId)
    .returning(['id'])
    .executeTakeFirst();
  if (!user) throw new AppError('NOT_FOUND', 'Die Person existiert nicht.');
  const devices = await d.db
    .updateTable('sync_clients')
    .set({ revoked_at: at, ...(wipe ? { wipe_requested_at: at } : {}) })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning('client_id')
    .execute();
  await revokeUserTokens(d.db, userId, at);
  await appendAuditMany(d.db, [
    {
      at,
      userId: actor,
      clientId: null,
      action: 'user_disabled',
      entityId: userId,
      detail: { devices: devices.length, wipe },
    },
    ...devices.map((c) => ({
      at,
      userId: actor,
      clientId: c.client_id,
      action: wipe ? 'device_wipe_requested' : 'device_revoked',
      entityId: userId,
    })),
  ]);
  return { devices: devices.length };
}

/** Lifts a disable: the person can log in again (on a new device; revoked devices stay revoked). */
export async function enableUser(d: AdminDeps, actor: string, userId: string): Promise<void> {
  const at = d.clock.now();
  const user = await d.db
    .updateTable('users')
    .set({ disabled_at: null })
    .where('id', '=', userId)
    .returning(['id'])
    .executeTakeFirst();
  if (!user) throw new AppError('NOT_FOUND', 'Die Person existiert nicht.');
  await appendAudit(d.db, { at, userId: actor, clientId: null, action: 'user_enabled', entityId: userId });
}

/** The id of a user given by id or username (CLI). */
export async function findUserId(d: AdminDeps, idOrUsername: string): Promise<string> {
  const row = await d.db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb.or([eb('id', '=', idOrUsername), eb('username', '=', idOrUsername)]))
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'Die Person existiert nicht.');
  return row.id;
}

/** Quarantined pushes of the team lead's team (SYNC.md §4.5): never dropped, reviewed by a supervisor. */
export async function listQuarantine(d: AdminDeps, actor: Principal) {
  if (actor.role !== 'team_lead' || actor.teamId === null) throw new AppError('FORBIDDEN');
  const rows = await d.db
    .selectFrom('sync_quarantine')
    .innerJoin('case_directory', 'case_directory.case_id', 'sync_quarantine.case_id')
    .selectAll('sync_quarantine')
    .where('case_directory.team_id', '=', actor.teamId)
    .where('sync_quarantine.reviewed_at', 'is', null)
    .orderBy('sync_quarantine.received_at')
    .limit(500)
    .execute();
  await appendAudit(d.db, {
    at: d.clock.now(),
    userId: actor.userId,
    clientId: actor.clientId,
    action: 'read_quarantine',
    detail: { count: rows.length },
  });
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    userId: r.user_id,
    clientId: r.client_id,
    mutationId: r.mutation_id,
    payload: r.payload,
    receivedAt: r.received_at.toISOString(),
  }));
}

export async function markQuarantineReviewed(d: AdminDeps, actor: Principal, id: string): Promise<void> {
  if (actor.role !== 'team_lead' || actor.teamId === null) throw new AppError('FORBIDDEN');
  const at = d.clock.now();
  const row = await d.db
    .selectFrom('sync_quarantine')
    .innerJoin('case_directory', 'case_directory.case_id', 'sync_quarantine.case_id')
    .select(['sync_quarantine.id', 'sync_quarantine.case_id', 'case_directory.team_id'])
    .where('sync_quarantine.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  if (row.team_id !== actor.teamId) throw new AppError('FORBIDDEN');
  await d.db
    .updateTable('sync_quarantine')
    .set({ reviewed_by: actor.userId, reviewed_at: at })
    .where('id', '=', id)
    .execute();
  await appendAudit(d.db, {
    at,
    userId: actor.userId,
    clientId: actor.clientId,
    action: 'quarantine_reviewed',
    caseId: row.case_id,
    entityId: id,
  });
}
