import {
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  sign,
  timingSafeEqual,
  verify,
  type KeyObject,
} from 'node:crypto';
import { z } from 'zod';
import { ROLES } from './roles';

/** Claims of a short-lived access token (HMAC-SHA256, `base64url(json).base64url(mac)`). */
const claimsSchema = z.object({
  sub: z.string(),
  cid: z.string(),
  role: z.enum(ROLES),
  /** Refresh-token family: a logout or a detected reuse ends the access tokens of the family at once. */
  fam: z.string().max(100),
  iat: z.number(),
  exp: z.number(),
});
export type AccessClaims = z.infer<typeof claimsSchema>;

function mac(secret: Buffer, data: string): Buffer {
  return createHmac('sha256', secret).update(data).digest();
}

export function signAccessToken(secret: Buffer, claims: AccessClaims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${mac(secret, `lotse-at.${body}`).toString('base64url')}`;
}

/** Verifies the signature; returns the claims (expired or not) or undefined. */
export function readAccessToken(secret: Buffer, token: string): AccessClaims | undefined {
  if (token.length > 2048) return undefined;
  const [body, sig, extra] = token.split('.');
  if (!body || !sig || extra !== undefined) return undefined;
  const expected = mac(secret, `lotse-at.${body}`);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const parsed = claimsSchema.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Ed25519 key for offline leases, from a 32-byte seed (kept in the DB or configured). */
export function leaseKeyFromSeed(seed: Buffer): { privateKey: KeyObject; publicKeyB64: string } {
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  const publicKeyB64 = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).toString('base64');
  return { privateKey, publicKeyB64 };
}

/** The signed lease message; desktops verify it with the pinned server public key (Ed25519, SPKI). */
export function leaseMessage(clientId: string, until: string): string {
  return `lotse-offline-lease.v1.${clientId}.${until}`;
}

export function signLease(key: KeyObject, clientId: string, until: string): string {
  return sign(null, Buffer.from(leaseMessage(clientId, until)), key).toString('base64url');
}

export function verifyLease(
  publicKeyB64: string,
  clientId: string,
  until: string,
  signature: string,
): boolean {
  const key = createPublicKey({ key: Buffer.from(publicKeyB64, 'base64'), format: 'der', type: 'spki' });
  return verify(null, Buffer.from(leaseMessage(clientId, until)), key, Buffer.from(signature, 'base64url'));
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
