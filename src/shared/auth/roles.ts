/** Roles of the central server's users (DOMAIN.md "Who uses it"); the desktop shows them after sign-in. */
export const ROLES = ['caseworker', 'team_lead', 'specialist_admin', 'data_protection'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  caseworker: 'Integrationsfachkraft',
  team_lead: 'Teamleitung',
  specialist_admin: 'Fachadministration',
  data_protection: 'Datenschutz',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * Only caseworkers write case records (the server's write scope): they alone resolve conflicts on
 * them. Team leads review (their audits and correction requests have their own path).
 */
export function writesCaseRecords(role: Role): boolean {
  return role === 'caseworker';
}
