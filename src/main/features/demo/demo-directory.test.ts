import { describe, expect, it } from 'vitest';
import { DEMO_CONTACT } from '../plans/print/plan-contact';
import { demoTeamDirectory, DEMO_TEAM_LEAD } from './demo-directory';

describe('demoTeamDirectory', () => {
  it('names every demo caseworker and the demo team lead, the demo caseworker as the plan contact', () => {
    const d = demoTeamDirectory(['ifk-demo', 'ifk-nord', 'ifk-sued', 'ifk-x', 'ifk-y']);
    expect(d.map((m) => m.id).sort()).toEqual([
      'ifk-demo',
      'ifk-nord',
      'ifk-sued',
      'ifk-x',
      'ifk-y',
      'tl-demo',
    ]);
    expect(d.find((m) => m.id === 'ifk-demo')?.displayName).toBe(DEMO_CONTACT.name);
    expect(d.find((m) => m.id === 'tl-demo')).toEqual(DEMO_TEAM_LEAD);
    expect(new Set(d.map((m) => m.displayName)).size).toBe(d.length);
  });
});
