import { createHash } from 'node:crypto';
import { PROTOCOL_VERSION, type HelloRequest, type HelloResponse } from '../../../shared/sync/protocol';
import { isBelowMinimum } from '../../../shared/updates/decisions';
import type { ServerContext } from '../../context';
import { appendAudit } from '../audit/audit.repository';
import type { Principal } from '../auth/roles';
import { signLease } from '../auth/tokens';
import { getMinimumVersion } from '../updates/updates.service';
import { referenceFingerprint } from '../../../shared/sync/reference-fingerprint';
import * as referenceRepo from '../reference-data/reference-data.repository';
import { isRole } from '../auth/roles';
import { normalizeDirectory, type TeamMember } from '../../../shared/auth/team-directory';

/** Fingerprints per server context and `key@version` (a stored version never changes). */
const fingerprints = new WeakMap<object, Map<string, string>>();

/** The latest version of every reference document with its fingerprint (announced at hello). */
async function announcedReferenceData(ctx: ServerContext) {
  let cache = fingerprints.get(ctx);
  if (!cache) fingerprints.set(ctx, (cache = new Map()));
  const out: { key: string; version: number; sha256: string }[] = [];
  for (const row of await referenceRepo.latestVersions(ctx.db)) {
    const version = Number(row.version);
    const id = `${row.key}@${version}`;
    let sha256 = cache.get(id);
    if (sha256 === undefined) {
      const doc = await referenceRepo.findDocument(ctx.db, row.key);
      if (!doc || Number(doc.version) !== version) continue;
      sha256 = referenceFingerprint(doc.content, (t) => createHash('sha256').update(t).digest('hex'));
      cache.set(id, sha256);
    }
    out.push({ key: row.key, version, sha256 });
  }
  return out;
}

/**
 * The users the caller may know by name: the active members of the own team (id, display name,
 * role), the caller included; without a team only the caller. Nothing beyond the own team.
 */
export async function teamDirectory(ctx: ServerContext, p: Principal): Promise<TeamMember[]> {
  let q = ctx.db.selectFrom('users').select(['id', 'display_name', 'role']).where('disabled_at', 'is', null);
  q = p.teamId === null ? q.where('id', '=', p.userId) : q.where('team_id', '=', p.teamId);
  const rows = await q.execute();
  return normalizeDirectory(
    rows.flatMap((r) => (isRole(r.role) ? [{ id: r.id, displayName: r.display_name, role: r.role }] : [])),
  );
}

/**
 * POST /sync/hello: a revoked device learns it is revoked (or to wipe); otherwise the client's
 * versions are recorded, and it gets its scope version, a signed offline lease, and whether it
 * must be updated before it may push.
 */
export async function hello(
  ctx: ServerContext,
  p: Principal & { deviceRevoked: boolean; wipeRequested: boolean },
  req: HelloRequest,
): Promise<HelloResponse> {
  const now = ctx.clock.now();
  const base = {
    serverTime: now.toISOString(),
    minSchema: ctx.config.MIN_SCHEMA,
    maxSchema: ctx.config.MAX_SCHEMA,
    protocolVersion: PROTOCOL_VERSION,
  };
  if (p.deviceRevoked) {
    await appendAudit(ctx.db, {
      at: now,
      userId: p.userId,
      clientId: p.clientId,
      action: p.wipeRequested ? 'wipe_delivered' : 'revocation_delivered',
    });
    return {
      ...base,
      status: p.wipeRequested ? 'wipe' : 'revoked',
      scopeVersion: 0,
      offlineLeaseUntil: null,
      offlineLeaseSignature: null,
      leasePublicKey: ctx.leaseKey.publicKeyB64,
    };
  }
  const client = await ctx.db
    .updateTable('sync_clients')
    .set({ app_version: req.appVersion, schema_version: req.schemaVersion, last_seen_at: now })
    .where('client_id', '=', p.clientId)
    .returning(['scope_version'])
    .executeTakeFirstOrThrow();
  // Below the published minimum version (release:minimum): the client keeps working offline
  // with its outbox, and its updater is offered the required version regardless of the rollout.
  const upgrade =
    req.protocolVersion < PROTOCOL_VERSION ||
    req.schemaVersion < ctx.config.MIN_SCHEMA ||
    isBelowMinimum(req.appVersion, await getMinimumVersion(ctx.db));
  const until = new Date(now.getTime() + ctx.config.OFFLINE_LEASE_HOURS * 3_600_000).toISOString();
  return {
    ...base,
    status: upgrade ? 'upgrade_required' : 'ok',
    scopeVersion: Number(client.scope_version),
    offlineLeaseUntil: until,
    offlineLeaseSignature: signLease(ctx.leaseKey.privateKey, p.clientId, until),
    leasePublicKey: ctx.leaseKey.publicKeyB64,
    referenceData: await announcedReferenceData(ctx),
    team: await teamDirectory(ctx, p),
  };
}
