import { describe, expect, it } from 'vitest';
import { caseworkerName, normalizeDirectory, shortId, teamDirectorySchema } from './team-directory';

const ME = '3f2a9c41-7d1e-4b6a-9f00-1c2d3e4f5a6b';
const COLLEAGUE = '9b8c7d6e-1111-4222-8333-944455566677';
const STRANGER = 'c0ffee00-aaaa-4bbb-8ccc-ddddeeeeffff';
const directory = [
  { id: ME, displayName: 'Tamara Lindner', role: 'team_lead' as const },
  { id: COLLEAGUE, displayName: 'Jens Wolff', role: 'caseworker' as const },
];

describe('caseworkerName', () => {
  it('names a member by the directory, oneself with "(Sie)"', () => {
    expect(caseworkerName(COLLEAGUE, ME, directory)).toBe('Jens Wolff');
    expect(caseworkerName(ME, ME, directory)).toBe('Tamara Lindner (Sie)');
  });

  it('shows a user not in the directory as "unbekannt" with a short form of the id, never the whole id', () => {
    expect(caseworkerName(STRANGER, ME, directory)).toBe('unbekannt (c0ff…)');
    expect(caseworkerName(STRANGER, STRANGER, [])).toBe('unbekannt (c0ff…) (Sie)');
    expect(caseworkerName(STRANGER, ME, directory)).not.toContain(STRANGER);
  });

  it('keeps the id while no directory is loaded', () => {
    expect(caseworkerName(COLLEAGUE, ME, undefined)).toBe(COLLEAGUE);
    expect(caseworkerName(ME, ME, undefined)).toBe(`${ME} (Sie)`);
  });

  it('short ids stay whole', () => {
    expect(shortId('ifk-nord')).toBe('ifk-nord');
    expect(shortId('ifk-nord-2')).toBe('ifk-…');
  });
});

describe('normalizeDirectory and the schema', () => {
  it('sorts by name (German collation) and keeps the first entry of an id', () => {
    expect(
      normalizeDirectory([
        { id: 'b', displayName: 'Özdemir, Ali', role: 'caseworker' },
        { id: 'a', displayName: 'Zander', role: 'caseworker' },
        { id: 'b', displayName: 'Doppelt', role: 'caseworker' },
        { id: 'c', displayName: 'Arndt', role: 'team_lead' },
      ]).map((m) => m.displayName),
    ).toEqual(['Arndt', 'Özdemir, Ali', 'Zander']);
  });

  it('refuses an unknown role or an empty name (the stored directory then stays)', () => {
    expect(teamDirectorySchema.safeParse([{ id: 'x', displayName: 'X', role: 'boss' }]).success).toBe(false);
    expect(teamDirectorySchema.safeParse([{ id: 'x', displayName: ' ', role: 'caseworker' }]).success).toBe(
      false,
    );
    expect(teamDirectorySchema.safeParse([{ id: 'x', displayName: 'X', role: 'caseworker' }]).success).toBe(
      true,
    );
  });
});
