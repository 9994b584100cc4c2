/**
 * Proves the schema guard of schema-snapshot.test.ts fails when it should: fake migrations that
 * drop or retype a column, drop a table or change NOT NULL are reported with table, column and
 * migration; a migration that only adds columns and tables and updates data passes.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../src/main/db/migrations/index';
import type { Migration } from '../../../src/main/db/migrations/migration';
import { checkMigrationsOnlyAdd, destructiveChanges, migrationLabel } from '../../helpers/schema-guard';

const NEXT = LATEST_SCHEMA_VERSION + 10;

function fake(version: number, ...statements: string[]): Migration {
  return {
    version,
    name: `fake-${version}`,
    async up(db) {
      for (const statement of statements) await sql.raw(statement).execute(db);
    },
  };
}

/** SQLite's way to retype a column: build the new table, copy, drop the old, rename. */
function rebuild(table: string, columns: string, copy = 'id, x, y'): string[] {
  return [
    `CREATE TABLE ${table}_neu (${columns}) STRICT`,
    `INSERT INTO ${table}_neu (${copy}) SELECT ${copy} FROM ${table}`,
    `DROP TABLE ${table}`,
    `ALTER TABLE ${table}_neu RENAME TO ${table}`,
  ];
}

const fakeTable = fake(
  NEXT,
  `CREATE TABLE fake_records (id TEXT PRIMARY KEY, x TEXT NOT NULL, y INTEGER) STRICT`,
);

describe('schema guard: migrations may only add', () => {
  it('names the migration numbers with four digits', () => {
    expect(migrationLabel(40)).toBe('Migration 0040');
    expect(migrationLabel(1230)).toBe('Migration 1230');
  });

  it('fails a migration that drops a column of a real table', async () => {
    const drop = fake(NEXT, 'ALTER TABLE persons DROP COLUMN email');
    const { violations } = await checkMigrationsOnlyAdd([...MIGRATIONS, drop]);
    expect(violations).toEqual([
      `${migrationLabel(NEXT)} entfernt Spalte persons.email – Migrationen dürfen nur hinzufügen`,
    ]);
  });

  it('fails a migration that drops a table', async () => {
    const { violations } = await checkMigrationsOnlyAdd([
      ...MIGRATIONS,
      fake(NEXT, 'DROP TABLE sync_conflicts'),
    ]);
    expect(violations).toEqual([
      `${migrationLabel(NEXT)} entfernt Tabelle sync_conflicts – Migrationen dürfen nur hinzufügen`,
    ]);
  });

  it('fails a migration that retypes a column or changes its NOT NULL, naming each', async () => {
    const retype = fake(
      NEXT + 10,
      ...rebuild('fake_records', 'id TEXT PRIMARY KEY, x TEXT NOT NULL, y TEXT'),
    );
    const nullable = fake(
      NEXT + 20,
      ...rebuild('fake_records', 'id TEXT PRIMARY KEY, x TEXT, y TEXT NOT NULL'),
    );
    const { violations } = await checkMigrationsOnlyAdd([...MIGRATIONS, fakeTable, retype, nullable]);
    expect(violations).toEqual([
      `${migrationLabel(NEXT + 10)} ändert den Typ von Spalte fake_records.y (INTEGER → TEXT) – Migrationen dürfen nur hinzufügen`,
      `${migrationLabel(NEXT + 20)} ändert Spalte fake_records.x von NOT NULL zu NULL erlaubt – Migrationen dürfen nur hinzufügen`,
      `${migrationLabel(NEXT + 20)} ändert Spalte fake_records.y von NULL erlaubt zu NOT NULL – Migrationen dürfen nur hinzufügen`,
    ]);
  });

  it('fails a migration that drops a column and re-adds it under the same name with another type', async () => {
    const swap = fake(
      NEXT + 10,
      'ALTER TABLE fake_records DROP COLUMN y',
      'ALTER TABLE fake_records ADD COLUMN y TEXT',
    );
    const { violations } = await checkMigrationsOnlyAdd([...MIGRATIONS, fakeTable, swap]);
    expect(violations).toEqual([
      `${migrationLabel(NEXT + 10)} ändert den Typ von Spalte fake_records.y (INTEGER → TEXT) – Migrationen dürfen nur hinzufügen`,
    ]);
  });

  it('passes a migration that adds columns and tables, rebuilds a table keeping its columns, and updates data', async () => {
    const adds = fake(
      NEXT + 10,
      `ALTER TABLE persons ADD COLUMN guard_probe TEXT`,
      `ALTER TABLE notes ADD COLUMN topic TEXT NOT NULL DEFAULT ''`,
      `CREATE TABLE guard_probe_records (id TEXT PRIMARY KEY, case_id TEXT NOT NULL, text TEXT NOT NULL) STRICT`,
      `UPDATE appointments SET status = 'geplant' WHERE status = 'geplant'`,
      ...rebuild(
        'fake_records',
        `id TEXT PRIMARY KEY, x TEXT NOT NULL, y INTEGER, z TEXT CHECK (z IN ('a', 'b'))`,
      ),
    );
    const { steps, violations } = await checkMigrationsOnlyAdd([...MIGRATIONS, fakeTable, adds]);
    expect(violations).toEqual([]);
    const last = steps[steps.length - 1]!.schema;
    expect(last.get('persons')?.get('guard_probe')).toEqual({ type: 'TEXT', notNull: false });
    expect(last.get('guard_probe_records')?.has('text')).toBe(true);
    expect(last.get('fake_records')?.get('z')).toEqual({ type: 'TEXT', notNull: false });
  });

  it('compares declared types case-insensitively and reports nothing for an unchanged schema', () => {
    const before = new Map([['t', new Map([['c', { type: 'TEXT', notNull: true }]])]]);
    expect(destructiveChanges(before, { version: 40, name: 'same', schema: before })).toEqual([]);
    expect(
      destructiveChanges(before, { version: 40, name: 'gone', schema: new Map([['t', new Map()]]) }),
    ).toEqual(['Migration 0040 entfernt Spalte t.c – Migrationen dürfen nur hinzufügen']);
  });
});
