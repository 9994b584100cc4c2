import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  scrypt as scryptCb,
  type ScryptOptions,
} from 'node:crypto';

/** scrypt parameters, stored beside the wrapped key so they can be raised later. */
export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly keyLength: 32;
}

/** The production default: about 0.3–0.6 s on an office laptop (see `npm run bench`, store.unlock). */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1, keyLength: 32 };

export function scryptMaxmem(params: ScryptParams): number {
  return 128 * params.N * params.r * params.p + 64 * 1024 * 1024;
}

export function deriveKey(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: scryptMaxmem(params) };
  return new Promise((resolve, reject) => {
    scryptCb(passphrase.normalize('NFC'), salt, params.keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** Picks the largest power-of-two N whose derivation stays near `targetMs` on this machine. */
export async function calibrateScrypt(targetMs = 500, probeN = 2 ** 14): Promise<ScryptParams> {
  const probe: ScryptParams = { N: probeN, r: 8, p: 1, keyLength: 32 };
  const started = performance.now();
  await deriveKey('calibration', randomBytes(16), probe);
  const perUnit = (performance.now() - started) / probeN;
  let N = 2 ** 15;
  while (N < 2 ** 20 && perUnit * N * 2 <= targetMs) N *= 2;
  return { N, r: 8, p: 1, keyLength: 32 };
}

export interface Sealed {
  readonly iv: string;
  readonly tag: string;
  readonly data: string;
}

/** AES-256-GCM with associated data; everything base64. */
export function seal(key: Buffer, plaintext: Buffer, aad: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

/** Returns undefined when the key is wrong or the data was tampered with (GCM tag mismatch). */
export function open(key: Buffer, sealed: Sealed, aad: string): Buffer | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
  } catch {
    return undefined;
  }
}
