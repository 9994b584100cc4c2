import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEncryptedDb } from '../../src/main/db/open-encrypted-db';
import { tempDir } from '../helpers/temp-dir';

let dir: { path: string; remove: () => Promise<void> };
beforeEach(async () => {
  dir = await tempDir('lotse-sigkill-');
});
afterEach(async () => {
  await dir.remove();
});

const CHILD = join(import.meta.dirname, 'sigkill-writer.child.ts');

/** Runs the writer until it has committed `commits` transactions and begun another, then SIGKILLs it. */
function runAndKill(
  dbPath: string,
  key: Buffer,
  commits: number,
  delayMs: number,
): Promise<{ committed: Map<string, number>; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbPath], {
      env: { ...process.env, LOTSE_TEST_KEY_HEX: key.toString('hex') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const committed = new Map<string, number>();
    let buffer = '';
    let stderr = '';
    let killScheduled = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const m = /^committed (\S+) (\d+)$/.exec(line);
        if (m) committed.set(m[1]!, Number(m[2]));
        if (line === 'begin' && committed.size >= commits && !killScheduled) {
          killScheduled = true;
          setTimeout(() => child.kill('SIGKILL'), delayMs);
        }
      }
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child did not reach ${commits} commits: ${stderr}`));
    }, 45_000);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      // lines flushed before death may still sit in the pipe buffer: they were committed too
      const m = /committed (\S+) (\d+)/g;
      for (const hit of buffer.matchAll(m)) committed.set(hit[1]!, Number(hit[2]));
      if (signal !== 'SIGKILL')
        reject(new Error(`child exited unexpectedly (${signal ?? 'no signal'}): ${stderr}`));
      else resolve({ committed, signal });
    });
  });
}

describe('crash safety', () => {
  it('a SIGKILL in the middle of a write transaction leaves a database that opens, is intact and holds every committed row', async () => {
    const dbPath = join(dir.path, 'lotse.db');
    const key = randomBytes(32);
    for (const [round, delay] of [
      [0, 3],
      [1, 11],
    ] as const) {
      const { committed } = await runAndKill(dbPath, key, 15 * (round + 1), delay);
      expect(committed.size).toBeGreaterThanOrEqual(15);
      // the crash left a WAL behind that the next open must recover from
      expect(statSync(`${dbPath}-wal`).size).toBeGreaterThan(0);

      const db = openEncryptedDb(dbPath, key, { keyVerified: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.pragma('foreign_key_check')).toEqual([]);
        const hasCase = db.prepare('SELECT count(*) AS n FROM cases WHERE id = ?');
        const notesOf = db.prepare('SELECT count(*) AS n FROM notes WHERE case_id = ?');
        const outboxOf = db.prepare('SELECT count(*) AS n FROM sync_outbox WHERE case_id = ?');
        for (const [caseId, notes] of committed) {
          expect(hasCase.get(caseId)).toEqual({ n: 1 });
          expect(notesOf.get(caseId)).toEqual({ n: notes });
          expect(outboxOf.get(caseId)).toEqual({ n: notes + 2 });
        }
        // no half transaction: every case present has its full set of notes and outbox entries
        const partial = db
          .prepare(
            `SELECT c.id FROM cases c
             WHERE (SELECT count(*) FROM sync_outbox o WHERE o.case_id = c.id) != (SELECT count(*) FROM notes n WHERE n.case_id = c.id) + 2`,
          )
          .all();
        expect(partial).toEqual([]);
        const orphans = db
          .prepare(
            'SELECT count(*) AS n FROM persons p WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = p.case_id)',
          )
          .get();
        expect(orphans).toEqual({ n: 0 });
      } finally {
        db.close();
      }
    }
  });
});
