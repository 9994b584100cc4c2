/**
 * Demo accounts of the embedded server (`npm start`): the first sign-in of the desktop needs a user
 * on the server. Only with DEMO_ACCOUNTS=true, which the configuration refuses next to a
 * DATABASE_URL (a production PostgreSQL never gets a known password).
 */
import type { Role } from '../auth/roles';
import { createTeam, createUser, ensureOffices, type AdminDeps } from './admin.service';

/** Printed by `npm start` and named in the README: these accounts exist only on the demo server. */
export const DEMO_PASSWORD = 'Lotse-Demo-2026';
/** Cases of the demo caseworker (src/server/features/admin/demo-cases.ts), as many as the browser mode seeds. */
export const DEMO_CASES = 200;
export const DEMO_TEAM = { id: 'osz-demo', officeId: 'oschatz', name: 'Demo-Team Oschatz' } as const;
export const DEMO_ACCOUNTS: readonly { username: string; displayName: string; role: Role }[] = [
  { username: 'demo.ifk', displayName: 'Demo Integrationsfachkraft', role: 'caseworker' },
  { username: 'demo.teamleitung', displayName: 'Demo Teamleitung', role: 'team_lead' },
];

const ACTOR = 'demo-setup';

/** Creates what is missing (offices, the demo team, the demo users); returns the new user names. */
export async function ensureDemoAccounts(d: AdminDeps): Promise<string[]> {
  await ensureOffices(d, ACTOR);
  const team = await d.db.selectFrom('teams').select('id').where('id', '=', DEMO_TEAM.id).executeTakeFirst();
  if (!team) await createTeam(d, ACTOR, DEMO_TEAM);
  const created: string[] = [];
  for (const a of DEMO_ACCOUNTS) {
    const exists = await d.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', a.username)
      .executeTakeFirst();
    if (exists) continue;
    await createUser(d, ACTOR, {
      ...a,
      officeId: DEMO_TEAM.officeId,
      teamId: DEMO_TEAM.id,
      password: DEMO_PASSWORD,
    });
    created.push(a.username);
  }
  return created;
}
