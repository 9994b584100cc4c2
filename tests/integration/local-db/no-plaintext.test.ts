import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalKysely } from '../../../src/main/db/kysely';
import { migrate } from '../../../src/main/db/migrations/run';
import { generateDemoCases, type DemoOptions } from '../../../src/shared/demo/demo-data';
import { nodeSha256, seedDemoData } from '../../../src/main/features/demo/seed-demo';
import { createTestVault, TEST_PASSPHRASE } from '../../helpers/local-store';
import { tempDir } from '../../helpers/temp-dir';

let dir: { path: string; remove: () => Promise<void> };
beforeEach(async () => {
  dir = await tempDir('lotse-scan-');
});
afterEach(async () => {
  await dir.remove();
});

const DEMO: DemoOptions = { cases: 2_000, seed: 20_260_302, today: '2026-03-02', sha256: nodeSha256 };

/**
 * 200 strings that would be in the files if anything were stored in plaintext: last names, streets
 * with house number, e-mail addresses, customer and case numbers, note texts. At least 8 bytes, so
 * random ciphertext cannot contain one by chance.
 */
function sampleNeedles(): string[] {
  const pools: Record<string, Set<string>> = {
    names: new Set(),
    streets: new Set(),
    emails: new Set(),
    numbers: new Set(),
    notes: new Set(),
  };
  for (const c of generateDemoCases(DEMO)) {
    pools['names']!.add(c.person.lastName!);
    pools['names']!.add(c.person.firstName!);
    if (c.person.street) pools['streets']!.add(c.person.street);
    if (c.person.email) pools['emails']!.add(c.person.email);
    pools['numbers']!.add(c.person.customerNumber!);
    pools['numbers']!.add(c.case.caseNumber!);
    for (const n of c.notes) pools['notes']!.add(n.body!.slice(0, 40));
  }
  const long = (s: string) => Buffer.byteLength(s, 'utf8') >= 8;
  const take = (pool: Set<string>, n: number) => [...pool].filter(long).slice(0, n);
  const needles = [
    ...take(pools['names']!, 30),
    ...take(pools['notes']!, 12),
    ...take(pools['streets']!, 30),
    ...take(pools['emails']!, 60),
  ];
  needles.push(...take(pools['numbers']!, 200 - needles.length));
  return needles;
}

function filesUnder(path: string): string[] {
  return readdirSync(path).flatMap((name) => {
    const full = join(path, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Which needles occur in which file, in UTF-8, UTF-16LE or UTF-16BE. */
function scan(files: readonly string[], needles: readonly string[]): string[] {
  const hits: string[] = [];
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const needle of needles) {
      const le = Buffer.from(needle, 'utf16le');
      const be = Buffer.from(le).swap16();
      for (const [enc, pattern] of [
        ['utf8', Buffer.from(needle, 'utf8')],
        ['utf16le', le],
        ['utf16be', be],
      ] as const) {
        if (bytes.includes(pattern)) hits.push(`${file}: ${enc} needle #${needles.indexOf(needle)}`);
      }
    }
  }
  return hits;
}

const sqliteTempFiles = () => readdirSync(tmpdir()).filter((n) => n.startsWith('etilqs_'));

describe('nothing personal reaches the disk in plaintext', () => {
  // seeds 2,300 demo cases with every 4PM record into two stores: a minute and more under coverage
  it('the 2,000-case demo set leaves none of 200 sampled names or phrases in the database, WAL, SHM or any file of the data directory', async () => {
    const needles = sampleNeedles();
    expect(needles).toHaveLength(200);
    expect(new Set(needles).size).toBe(200);

    // Control: the same scan finds them in an unencrypted database (the needles are detectable).
    const plainDir = join(dir.path, 'plain');
    mkdirSync(plainDir);
    const plain = new Database(join(plainDir, 'plain.db'));
    const plainKysely = createLocalKysely(plain);
    await migrate(plainKysely as unknown as Kysely<unknown>);
    seedDemoData(plain, { ...DEMO, cases: 300 });
    await plainKysely.destroy();
    const controlHits = scan(filesUnder(plainDir), needles);
    expect(controlHits.length).toBeGreaterThan(50);

    const dataDir = join(dir.path, 'data');
    const tempBefore = sqliteTempFiles();
    const { vault, store } = await createTestVault(dataDir);
    await vault.create(TEST_PASSPHRASE);
    const seeded = seedDemoData(store.raw(), DEMO);
    expect(seeded.cases).toBe(2_000);
    // search works on the data, inside the encrypted file
    expect(
      store
        .raw()
        .prepare("SELECT count(*) AS n FROM search_index WHERE search_index MATCH 'lagerlogistik'")
        .get(),
    ).not.toEqual({ n: 0 });

    // While open: the WAL holds the fresh pages.
    const openFiles = filesUnder(dataDir);
    expect(openFiles.some((f) => f.endsWith('-wal'))).toBe(true);
    expect(scan(openFiles, needles)).toEqual([]);

    await vault.lock();
    const closedFiles = filesUnder(dataDir);
    expect(closedFiles.some((f) => f.endsWith('lotse.db'))).toBe(true);
    expect(scan(closedFiles, needles)).toEqual([]);
    expect(sqliteTempFiles()).toEqual(tempBefore);
  }, 180_000);
});
