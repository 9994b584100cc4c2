/**
 * A desktop in tests: an encrypted local store registered as a device at the server, with the
 * desktop's real sync steps (src/main/features/sync/sync-steps.ts) over the server's HTTP routes.
 */
import { expect } from 'vitest';
import {
  applyPullPage,
  readCursor,
  readPushBatch,
  recordPushResponse,
} from '../../src/main/features/sync/sync-steps';
import type { EntityRegistry } from '../../src/shared/entities/index';
import type { PullResponse, PushResponse } from '../../src/shared/sync/protocol';
import { post, type Harness, type Session } from '../integration/server/harness';
import { createDb, type TestDb } from './local-db';

export async function desktop(session: Session): Promise<TestDb> {
  const t = await createDb();
  t.raw
    .prepare("INSERT INTO offices (id, code, name, town) VALUES ('oschatz', 'OSZ', 'Oschatz', 'Oschatz')")
    .run();
  t.raw.prepare("INSERT INTO sync_state (key, value) VALUES ('client_id', ?)").run(session.clientId);
  return t;
}

export async function pushAll(h: Harness, s: Session, t: TestDb): Promise<PushResponse[]> {
  const responses: PushResponse[] = [];
  for (;;) {
    const batch = await readPushBatch(t.db, s.clientId);
    if (!batch) return responses;
    const res = await post(h, s, '/sync/push', batch);
    if (res.statusCode !== 200) throw new Error(`push: ${res.statusCode} ${res.body}`);
    const body = res.json<PushResponse>();
    responses.push(body);
    await t.db.transaction().execute((trx) => recordPushResponse(trx, batch, body, new Date().toISOString()));
  }
}

export async function pullAll(h: Harness, s: Session, t: TestDb, registry?: EntityRegistry): Promise<number> {
  let applied = 0;
  for (;;) {
    const { cursor, scopeVersion } = await readCursor(t.db);
    const res = await post(h, s, '/sync/pull', { clientId: s.clientId, cursor, scopeVersion, limit: 500 });
    if (res.statusCode !== 200) throw new Error(`pull: ${res.statusCode} ${res.body}`);
    const page = res.json<PullResponse>();
    const result = await t.db.transaction().execute((trx) =>
      applyPullPage(trx, t.raw, page, {
        now: '2026-03-02T09:00:00.000Z',
        ...(registry ? { registry } : {}),
      }),
    );
    expect(result.invalid).toEqual([]);
    applied += result.applied;
    if (!page.hasMore) return applied;
  }
}
