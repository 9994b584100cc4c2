import { scrypt, timingSafeEqual } from 'node:crypto';

const KEY_LENGTH = 32;

function scryptAsync(password: string, salt: Buffer, n: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFC'),
      salt,
      KEY_LENGTH,
      { N: n, r: 8, p: 1, maxmem: 256 * n * 8 + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

/** `scrypt$N$saltB64$hashB64` (N stored so the cost can grow later). */
export async function hashPassword(password: string, salt: Buffer, n = 16384): Promise<string> {
  const key = await scryptAsync(password, salt, n);
  return `scrypt$${n}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, nText, saltB64, hashB64] = stored.split('$');
  if (alg !== 'scrypt' || !nText || !saltB64 || !hashB64) return false;
  const expected = Buffer.from(hashB64, 'base64');
  const key = await scryptAsync(password, Buffer.from(saltB64, 'base64'), Number(nText));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A fixed hash to verify against when the user does not exist (equal timing). */
export const DUMMY_HASH =
  'scrypt$16384$AAAAAAAAAAAAAAAAAAAAAA==$kM1BKrYVw0r3Nqg1kHk0n2oQm8v7pBWWm4z8J9W7Zt0=';
