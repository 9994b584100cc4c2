/**
 * Sign-in and the per-user stores of a desktop with a Lotse server (issue 12 item 4): the first
 * sign-in of a user on this machine registers the device at the server and creates that user's own
 * encrypted store; later unlocks need only the passphrase (offline). The channels themselves are in
 * contract.ts (next to the vault channels whose status they carry).
 */
import { z } from 'zod';
import { ROLES } from '../auth/roles';

/** The folder name of one user's store under <data>/users/ (a hash of the server's user id). */
export const UserKey = z
  .string({ error: 'Bitte wählen Sie ein Konto aus.' })
  .regex(/^[0-9a-f]{32}$/, { error: 'Dieses Konto ist auf diesem Gerät nicht bekannt.' });

/** A user with a store on this machine (shown on the lock screen to choose from). */
export const LoginAccountDto = z.object({
  userKey: UserKey,
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
});
export type LoginAccountDto = z.infer<typeof LoginAccountDto>;

/** The signed-in user whose store is open (from the server's answer at sign-in). */
export const LoginSessionDto = z.object({
  userKey: UserKey,
  displayName: z.string(),
  role: z.enum(ROLES),
});
export type LoginSessionDto = z.infer<typeof LoginSessionDto>;

export const LoginStateDto = z.object({
  /** True when this desktop signs in at a Lotse server (one store per user); false: one local store. */
  serverMode: z.boolean(),
  accounts: z.array(LoginAccountDto),
  selectedUserKey: UserKey.nullable(),
  /**
   * After a successful sign-in, until the store is created (new on this machine) or unlocked
   * (known here): whose sign-in waits for the passphrase.
   */
  pending: z
    .object({
      userKey: UserKey,
      displayName: z.string(),
      role: z.enum(ROLES),
      next: z.enum(['create-store', 'unlock']),
    })
    .nullable(),
  session: LoginSessionDto.nullable(),
  /**
   * The open store's user must sign in again: the server refused the stored sign-in (revoked,
   * expired, account disabled). Local work and the outbox stay; sync goes on after the sign-in.
   */
  signInRequired: z
    .object({ userKey: UserKey, username: z.string(), displayName: z.string(), message: z.string() })
    .nullable(),
});

export const LoginSignInInput = z
  .object({
    username: z
      .string({ error: 'Bitte geben Sie Ihren Benutzernamen ein.' })
      .trim()
      .min(1, { error: 'Bitte geben Sie Ihren Benutzernamen ein.' })
      .max(100, { error: 'Höchstens 100 Zeichen.' }),
    password: z
      .string({ error: 'Bitte geben Sie Ihr Passwort ein.' })
      .min(1, { error: 'Bitte geben Sie Ihr Passwort ein.' })
      .max(1024, { error: 'Höchstens 1024 Zeichen.' }),
  })
  .strict();

export const VaultSelectUserInput = z.object({ userKey: UserKey }).strict();
