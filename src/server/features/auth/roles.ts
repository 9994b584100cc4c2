import type { Role } from '../../../shared/auth/roles';

/** Server roles: one definition, shared with the desktop (which shows them after sign-in). */
export { ROLES, ROLE_LABELS, isRole, type Role } from '../../../shared/auth/roles';

/** The authenticated caller of a request. */
export interface Principal {
  readonly userId: string;
  readonly role: Role;
  readonly officeId: string;
  readonly teamId: string | null;
  readonly clientId: string;
}
