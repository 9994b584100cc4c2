import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ROLES } from './roles';

/** Claims of a short-lived access token (HMAC-SHA256, `base64url(json).base64url(mac)`). */
const claimsSchema = z.object({
  sub: z.string(),
  cid: z.string(),
  role: z.enum(ROLES),
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

export function signLease(secret: Buffer, clientId: string, until: string): string {
  return mac(secret, `lotse-lease.${clientId}.${until}`).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
