/**
 * Issue 14, item 1: the login lockout holds under parallel attempts. Every password check is
 * counted (verifyPassword is wrapped), so the test sees how many guesses really reached scrypt.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as passwords from '../../../src/server/features/auth/passwords';
import { SERVER_DIALECTS, skipReason } from '../../helpers/server-db';
import { createHarness, newClientId, PASSWORD, type Harness } from './harness';

const checks = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../src/server/features/auth/passwords', async (importOriginal) => {
  const original = await importOriginal<typeof passwords>();
  return {
    ...original,
    verifyPassword: (password: string, stored: string) => {
      checks.count += 1;
      return original.verifyPassword(password, stored);
    },
  };
});

for (const dialect of SERVER_DIALECTS) {
  describe.skipIf(skipReason(dialect))(`${dialect}: login lockout under parallel attempts`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await createHarness(dialect);
    });
    afterAll(async () => {
      await h?.close();
    });
    beforeEach(async () => {
      await h.reset();
      checks.count = 0;
    });

    const laptop = newClientId(); // one device for every successful login (device limit)
    const attempt = (username: string, password: string, ip = '10.1.0.1') =>
      h.app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { username, password, clientId: laptop, deviceName: 'Laptop' },
        remoteAddress: ip,
      });

    it('50 parallel wrong passwords from five addresses: at most 5 password checks, then the right one is refused until the lock ends', async () => {
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) => attempt('ifk.own', `falsch-${i}`, `10.1.0.${i % 5}`)),
      );
      expect(checks.count).toBeLessThanOrEqual(5);
      for (const res of responses) expect([401, 429]).toContain(res.statusCode);
      expect(responses.some((r) => r.json().error.code === 'AUTH_ACCOUNT_LOCKED')).toBe(true);

      const right = await attempt('ifk.own', PASSWORD);
      expect(right.statusCode).toBe(429);
      expect(right.json().error.code).toBe('AUTH_ACCOUNT_LOCKED');
      expect(checks.count).toBeLessThanOrEqual(5);

      h.clock.advance(14 * 60_000);
      expect((await attempt('ifk.own', PASSWORD)).json().error.code).toBe('AUTH_ACCOUNT_LOCKED');
      h.clock.advance(2 * 60_000);
      expect((await attempt('ifk.own', PASSWORD)).statusCode).toBe(200);
    });

    it('the address counter holds under parallel attempts on many accounts', async () => {
      await h.reset({ LOGIN_IP_MAX_FAILURES: 10 });
      checks.count = 0;
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) => attempt(`konto${i}`, 'falsch', '10.2.0.1')),
      );
      expect(checks.count).toBeLessThanOrEqual(10);
      expect(responses.filter((r) => r.json().error.code === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(
        40,
      );
      expect((await attempt('ifk.own', PASSWORD, '10.2.0.1')).json().error.code).toBe('RATE_LIMITED');
      expect((await attempt('ifk.own', PASSWORD, '10.2.0.2')).statusCode).toBe(200);
    });

    it('a success clears the account counter and does not count against the address', async () => {
      await h.reset({ LOGIN_IP_MAX_FAILURES: 3 });
      for (let i = 0; i < 4; i += 1)
        expect((await attempt('ifk.own', PASSWORD, '10.3.0.1')).statusCode).toBe(200);
      for (let i = 0; i < 4; i += 1) await attempt('ifk.own', 'falsch', '10.3.0.2');
      expect((await attempt('ifk.own', PASSWORD, '10.3.0.3')).statusCode).toBe(200);
      for (let i = 0; i < 4; i += 1)
        expect((await attempt('ifk.own', 'falsch', `10.3.1.${i}`)).json().error.code).toBe(
          'AUTH_INVALID_CREDENTIALS',
        );
    });
  });
}
