import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/helpers/temp-dir';
import { readAccounts, userDir, userKeyOf, usersDir, writeAccount, type Account } from './accounts';

const account = (userId: string, lastUsedAt: string): Account => ({
  format: 'lotse-account',
  version: 1,
  userId,
  username: `user-${userId}`,
  displayName: `Name ${userId}`,
  role: 'caseworker',
  officeId: 'oschatz',
  teamId: null,
  clientId: '7d1f6d0e-8a2b-4c1e-9f3a-000000000001',
  createdAt: '2026-12-01T08:00:00.000Z',
  lastUsedAt,
});

describe('the accounts known on this machine', () => {
  const dirs: { remove(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await d.remove();
  });

  it('names each user folder by a hash of the user id, never by the name', () => {
    expect(userKeyOf('u-1')).toMatch(/^[0-9a-f]{32}$/);
    expect(userKeyOf('u-1')).toBe(userKeyOf('u-1'));
    expect(userKeyOf('u-1')).not.toBe(userKeyOf('u-2'));
    expect(userKeyOf('u-1')).not.toContain('u-1');
  });

  it('reads back what it wrote, most recently used first', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    expect(await readAccounts(dir.path)).toEqual([]);
    await writeAccount(dir.path, account('a', '2026-12-01T09:00:00.000Z'));
    await writeAccount(dir.path, account('b', '2026-12-02T09:00:00.000Z'));
    expect((await readAccounts(dir.path)).map((a) => a.userId)).toEqual(['b', 'a']);
    await writeAccount(dir.path, account('a', '2026-12-03T09:00:00.000Z'));
    expect((await readAccounts(dir.path)).map((a) => a.userId)).toEqual(['a', 'b']);
  });

  it('skips damaged files, strange folders and an account filed under another user’s folder', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    await writeAccount(dir.path, account('a', '2026-12-01T09:00:00.000Z'));
    await mkdir(userDir(dir.path, userKeyOf('broken')), { recursive: true });
    await writeFile(join(userDir(dir.path, userKeyOf('broken')), 'account.json'), '{ nicht json');
    await mkdir(join(usersDir(dir.path), 'not-a-user'), { recursive: true });
    const moved = userDir(dir.path, userKeyOf('elsewhere'));
    await mkdir(moved, { recursive: true });
    await writeFile(join(moved, 'account.json'), JSON.stringify(account('a', '2026-12-05T09:00:00.000Z')));
    expect((await readAccounts(dir.path)).map((a) => a.userId)).toEqual(['a']);
  });

  it('refuses to write an account that does not match its schema', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    await expect(
      writeAccount(dir.path, { ...account('a', 'x'), clientId: 'keine-uuid' } as Account),
    ).rejects.toThrow();
  });
});
