import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords';
import { readAccessToken, signAccessToken, signLease } from './tokens';

const secret = Buffer.from('0123456789abcdef0123456789abcdef');

describe('access tokens', () => {
  const claims = { sub: 'u1', cid: 'c1', role: 'caseworker' as const, iat: 100, exp: 1000 };

  it('round-trips and rejects tampering', () => {
    const token = signAccessToken(secret, claims);
    expect(readAccessToken(secret, token)).toEqual(claims);
    const [body, sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'specialist_admin' })).toString('base64url');
    expect(readAccessToken(secret, `${forged}.${sig}`)).toBeUndefined();
    expect(readAccessToken(Buffer.from('another-secret-another-secret-xx'), token)).toBeUndefined();
    expect(readAccessToken(secret, `${body}`)).toBeUndefined();
    expect(readAccessToken(secret, `${body}.${sig}.x`)).toBeUndefined();
    expect(readAccessToken(secret, 'x'.repeat(5000))).toBeUndefined();
  });

  it('signs offline leases per device and time', () => {
    expect(signLease(secret, 'c1', '2026-01-01T00:00:00.000Z')).not.toBe(
      signLease(secret, 'c2', '2026-01-01T00:00:00.000Z'),
    );
  });
});

describe('passwords', () => {
  it('hashes with scrypt and verifies', async () => {
    const hash = await hashPassword('richtig-geheim', Buffer.alloc(16, 7), 1024);
    expect(hash).toMatch(/^scrypt\$1024\$/);
    expect(await verifyPassword('richtig-geheim', hash)).toBe(true);
    expect(await verifyPassword('falsch', hash)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
});
