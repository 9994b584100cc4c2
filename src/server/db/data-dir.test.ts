import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareDataDir, restrictDataDir } from './data-dir';

const made: string[] = [];
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lotse-datadir-'));
  made.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});
const mode = (p: string) => statSync(p).mode & 0o777;

describe('the embedded server’s data directory', () => {
  it('is created private (0700) and an existing private one is accepted', () => {
    const dir = join(temp(), 'pgdata');
    prepareDataDir(dir, 'linux');
    expect(mode(dir)).toBe(0o700);
    expect(() => prepareDataDir(dir, 'linux')).not.toThrow();
  });

  it('refuses a directory others can open, naming the fix, and a file in its place', () => {
    const dir = join(temp(), 'open');
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    expect(() => prepareDataDir(dir, 'linux')).toThrow(/chmod -R go-rwx/);
    const file = join(temp(), 'file');
    writeFileSync(file, 'x');
    chmodSync(file, 0o600);
    expect(() => prepareDataDir(file, 'linux')).toThrow(/kein Verzeichnis/);
  });

  it('restricts every file to 0600 and every directory to 0700, leaving symbolic links alone', () => {
    const dir = temp();
    mkdirSync(join(dir, 'base'), { mode: 0o755 });
    writeFileSync(join(dir, 'base', 'heap'), 'x', { mode: 0o666 });
    writeFileSync(join(dir, 'outside'), 'x', { mode: 0o644 });
    symlinkSync(join(dir, 'outside'), join(dir, 'base', 'link'));
    chmodSync(dir, 0o755);
    restrictDataDir(dir, 'linux');
    expect([mode(dir), mode(join(dir, 'base')), mode(join(dir, 'base', 'heap'))]).toEqual([
      0o700, 0o700, 0o600,
    ]);
    // the link is not followed: the file it points to is restricted only as a file of the directory itself
    expect(mode(join(dir, 'outside'))).toBe(0o600);
  });

  it('leaves modes to the profile’s ACLs on Windows', () => {
    const dir = join(temp(), 'win');
    prepareDataDir(dir, 'win32');
    const before = mode(dir);
    restrictDataDir(dir, 'win32');
    expect(mode(dir)).toBe(before);
  });
});
