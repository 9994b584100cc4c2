/**
 * The team directory of the demo data (made-up people): without a server nobody announces the
 * team's names, so the demo store gets the names of the caseworkers its cases are spread over and
 * of the demo team lead. A server's directory replaces it at the first hello.
 */
import { normalizeDirectory, type TeamMember } from '../../../shared/auth/team-directory';
import { DEMO_CONTACT } from '../plans/print/plan-contact';

/** The demo team lead of the browser bridge and the e2e tests (actorId 'tl-demo'). */
export const DEMO_TEAM_LEAD: TeamMember = { id: 'tl-demo', displayName: 'Petra Naumann', role: 'team_lead' };

const NAMES: Readonly<Record<string, string>> = {
  'ifk-demo': DEMO_CONTACT.name,
  'ifk-nord': 'Jens Wolff',
  'ifk-sued': 'Katrin Seidel',
};
const MORE = [
  'Stefan Richter',
  'Melanie Krause',
  'Thomas Vogel',
  'Sabine Lorenz',
  'Uwe Schubert',
  'Claudia Frank',
];

/** The demo caseworkers by name (known ids by their fixed name, others in turn), with the team lead. */
export function demoTeamDirectory(caseworkers: readonly string[]): TeamMember[] {
  let next = 0;
  const members = caseworkers.map((id): TeamMember => {
    const known = NAMES[id];
    const displayName = known ?? `${MORE[next % MORE.length]}${next >= MORE.length ? ` ${next + 1}` : ''}`;
    if (!known) next += 1;
    return { id, displayName, role: 'caseworker' };
  });
  return normalizeDirectory([...members, DEMO_TEAM_LEAD]);
}
