/**
 * Issue 14, item 7: bodies are not parsed for nobody. Unauthenticated routes take small bodies
 * only; the large limit applies to push and reference data, and only after the token is checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_DIALECTS, skipReason } from '../../helpers/server-db';
import { createHarness, login, newClientId, type Harness, type Session } from './harness';

for (const dialect of SERVER_DIALECTS) {
  describe.skipIf(skipReason(dialect))(`${dialect}: body limits`, () => {
    let h: Harness;
    let cw: Session;
    beforeAll(async () => {
      h = await createHarness(dialect);
      await h.reset();
      cw = await login(h, 'cw');
    });
    afterAll(async () => {
      await h?.close();
    });

    it('unauthenticated routes refuse bodies over a few KB before parsing them', async () => {
      const big = JSON.stringify({
        username: 'ifk.own',
        password: 'x'.repeat(100_000),
        clientId: newClientId(),
        deviceName: 'L',
      });
      for (const url of ['/auth/login', '/auth/refresh', '/auth/logout']) {
        const res = await h.app.inject({
          method: 'POST',
          url,
          payload: big,
          headers: { 'content-type': 'application/json' },
        });
        expect(res.statusCode, url).toBe(413);
        expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
      }
    });

    it('a 2 MB body to push or reference data without a valid token is refused before it is read', async () => {
      const junk = `{"x":"${'a'.repeat(2 * 1024 * 1024)}`; // not even JSON: parsing it would answer 400
      for (const [method, url] of [
        ['POST', '/sync/push'],
        ['PUT', '/reference-data/quality-rules'],
      ] as const) {
        const none = await h.app.inject({
          method,
          url,
          payload: junk,
          headers: { 'content-type': 'application/json' },
        });
        expect(none.statusCode, url).toBe(401);
        expect(none.json().error.code).toBe('UNAUTHENTICATED');
        const forged = await h.app.inject({
          method,
          url,
          payload: junk,
          headers: { 'content-type': 'application/json', authorization: 'Bearer abc.def' },
        });
        expect(forged.statusCode, url).toBe(401);
        expect(forged.json().error.code).toBe('AUTH_TOKEN_INVALID');
      }
      // with a valid token the same body is read (and refused as malformed JSON)
      const withToken = await h.app.inject({
        method: 'POST',
        url: '/sync/push',
        payload: junk,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${cw.accessToken}` },
      });
      expect(withToken.statusCode).toBe(400);
    });

    it('other authenticated routes keep a small default limit', async () => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/sync/pull',
        payload: JSON.stringify({ clientId: cw.clientId, pad: 'a'.repeat(1024 * 1024) }),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${cw.accessToken}` },
      });
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    });
  });
}
