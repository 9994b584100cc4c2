import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { calibrateScrypt, deriveKey, open, seal } from './crypto';

describe('vault crypto', () => {
  it('seals with AES-256-GCM and refuses a wrong key, other associated data or tampering', () => {
    const key = randomBytes(32);
    const secret = randomBytes(32);
    const sealed = seal(key, secret, 'lotse-keystore:v1:file:passphrase');
    expect(open(key, sealed, 'lotse-keystore:v1:file:passphrase')?.equals(secret)).toBe(true);
    expect(open(randomBytes(32), sealed, 'lotse-keystore:v1:file:passphrase')).toBeUndefined();
    expect(open(key, sealed, 'lotse-keystore:v1:other-file:passphrase')).toBeUndefined();
    const data = Buffer.from(sealed.data, 'base64');
    data[0]! ^= 1;
    expect(
      open(key, { ...sealed, data: data.toString('base64') }, 'lotse-keystore:v1:file:passphrase'),
    ).toBeUndefined();
  });

  it('derives the same key for the same passphrase in any Unicode normalisation', async () => {
    const salt = randomBytes(16);
    const params = { N: 2 ** 10, r: 8, p: 1, keyLength: 32 } as const;
    const composed = await deriveKey('Grüße aus Torgau', salt, params);
    const decomposed = await deriveKey('Grüße aus Torgau'.normalize('NFD'), salt, params);
    expect(composed.equals(decomposed)).toBe(true);
    expect((await deriveKey('Grüße aus Torgau!', salt, params)).equals(composed)).toBe(false);
  });

  it('calibrates scrypt to a power-of-two N with r=8, p=1 that grows with the time budget', async () => {
    const small = await calibrateScrypt(5, 2 ** 10);
    const large = await calibrateScrypt(2_000, 2 ** 10);
    for (const p of [small, large]) {
      expect(Math.log2(p.N) % 1).toBe(0);
      expect(p.N).toBeGreaterThanOrEqual(2 ** 15);
      expect(p.N).toBeLessThanOrEqual(2 ** 20);
      expect(p).toMatchObject({ r: 8, p: 1, keyLength: 32 });
    }
    expect(large.N).toBeGreaterThanOrEqual(small.N);
  });
});
