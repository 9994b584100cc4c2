/**
 * Schema guard (STYLE-anchors §9): old and new desktops sync the same data, so a local migration
 * may only ADD tables and columns (and change data). This runs the given migrations one at a time
 * on a fresh encrypted database, reads the schema after every step, and reports every table or
 * column that a step dropped, retyped or whose NOT NULL it changed – computed live each run, so
 * no committed file can be refreshed to make a destructive migration pass.
 */
import type { Kysely } from 'kysely';
import type { Migration } from '../../src/main/db/migrations/migration';
import { migrate } from '../../src/main/db/migrations/run';
import type { RawDatabase } from '../../src/main/db/open-encrypted-db';
import { createDb } from './local-db';

export interface ColumnShape {
  /** Declared type as written in CREATE TABLE, upper case ('' for none, e.g. FTS5 columns). */
  readonly type: string;
  readonly notNull: boolean;
}

/** table → column → shape. */
export type SchemaShape = ReadonlyMap<string, ReadonlyMap<string, ColumnShape>>;

export interface SchemaStep {
  readonly version: number;
  readonly name: string;
  readonly schema: SchemaShape;
}

/** Tables and their columns as SQLite reports them (FTS5 shadow tables and sqlite_* excluded). */
export function readSchema(raw: RawDatabase): SchemaShape {
  const tables = raw
    .prepare(
      `SELECT name FROM sqlite_master
       WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_index_%'
       ORDER BY name`,
    )
    .pluck()
    .all() as string[];
  const schema = new Map<string, Map<string, ColumnShape>>();
  for (const table of tables) {
    const columns = raw
      .prepare('SELECT name, type, "notnull" AS not_null FROM pragma_table_info(?)')
      .all(table) as {
      name: string;
      type: string;
      not_null: number;
    }[];
    schema.set(
      table,
      new Map(columns.map((c) => [c.name, { type: c.type.trim().toUpperCase(), notNull: c.not_null === 1 }])),
    );
  }
  return schema;
}

export function migrationLabel(version: number): string {
  return `Migration ${String(version).padStart(4, '0')}`;
}

const ONLY_ADD = 'Migrationen dürfen nur hinzufügen';
const nullability = (notNull: boolean) => (notNull ? 'NOT NULL' : 'NULL erlaubt');

/** What `step` removed or changed of the schema before it, one German message per finding. */
export function destructiveChanges(before: SchemaShape, step: SchemaStep): string[] {
  const label = migrationLabel(step.version);
  const found: string[] = [];
  for (const [table, columns] of before) {
    const after = step.schema.get(table);
    if (!after) {
      found.push(`${label} entfernt Tabelle ${table} – ${ONLY_ADD}`);
      continue;
    }
    for (const [column, was] of columns) {
      const now = after.get(column);
      if (!now) {
        found.push(`${label} entfernt Spalte ${table}.${column} – ${ONLY_ADD}`);
        continue;
      }
      if (now.type !== was.type)
        found.push(
          `${label} ändert den Typ von Spalte ${table}.${column} (${was.type || 'ohne Typ'} → ${now.type || 'ohne Typ'}) – ${ONLY_ADD}`,
        );
      if (now.notNull !== was.notNull)
        found.push(
          `${label} ändert Spalte ${table}.${column} von ${nullability(was.notNull)} zu ${nullability(now.notNull)} – ${ONLY_ADD}`,
        );
    }
  }
  return found;
}

/** Runs `migrations` one step at a time on a fresh database and returns the schema after each. */
export async function schemaAfterEachStep(migrations: readonly Migration[]): Promise<SchemaStep[]> {
  const t = await createDb({ target: 0 });
  try {
    const steps: SchemaStep[] = [];
    for (const migration of migrations) {
      const { applied } = await migrate(t.db as unknown as Kysely<unknown>, {
        migrations,
        target: migration.version,
      });
      if (applied.length !== 1 || applied[0] !== migration.version)
        throw new Error(
          `${migrationLabel(migration.version)} lief nicht als eigener Schritt (${applied.join(', ')})`,
        );
      steps.push({ version: migration.version, name: migration.name, schema: readSchema(t.raw) });
    }
    return steps;
  } finally {
    await t.destroy();
  }
}

/** Every destructive change of every step against the step before it (the first against empty). */
export function destructiveChangesOf(steps: readonly SchemaStep[]): string[] {
  let before: SchemaShape = new Map();
  const found: string[] = [];
  for (const step of steps) {
    found.push(...destructiveChanges(before, step));
    before = step.schema;
  }
  return found;
}

/** Runs the migrations step by step and returns what they dropped or changed (empty = only added). */
export async function checkMigrationsOnlyAdd(
  migrations: readonly Migration[],
): Promise<{ steps: SchemaStep[]; violations: string[] }> {
  const steps = await schemaAfterEachStep(migrations);
  return { steps, violations: destructiveChangesOf(steps) };
}
