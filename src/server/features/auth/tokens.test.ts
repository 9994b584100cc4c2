import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords';
import { leaseKeyFromSeed, readAccessToken, signAccessToken, signLease, verifyLease } from './tokens';

const secret = Buffer.from('0123456789abcdef0123456789abcdef');

describe('access tokens', () => {
  const claims = { sub: 'u1', cid: 'c1', role: 'caseworker' as const, fam: 'f1', iat: 100, exp: 1000 };

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

  it('signs offline leases with Ed25519, verifiable with the public key only', () => {
    const key = leaseKeyFromSeed(Buffer.alloc(32, 3));
    const until = '2026-01-01T00:00:00.000Z';
    const sig = signLease(key.privateKey, 'c1', until);
    expect(verifyLease(key.publicKeyB64, 'c1', until, sig)).toBe(true);
    expect(verifyLease(key.publicKeyB64, 'c2', until, sig)).toBe(false);
    expect(verifyLease(key.publicKeyB64, 'c1', '2027-01-01T00:00:00.000Z', sig)).toBe(false);
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
