/**
 * Done-when of issue 8: (1) no code outside the definitions (src/shared/entities) lists a synced
 * record type's fields, and (2) only the write path writes synced tables. Both rules are checked
 * on the TypeScript syntax tree of every source file, and each has a test that a violation fails.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { columnOf, ENTITIES, ENTITY_NAMES } from '../../src/shared/entities/index';

const ROOT = join(import.meta.dirname, '../..');

/** Files allowed to write synced tables: the write path for local edits, the apply path for server rows. */
const WRITERS = ['src/main/db/write-synced.ts', 'src/main/db/apply-server-rows.ts'];
/** Frozen-in-time migrations may list columns and convert data (they never import definitions). */
const FROZEN = /^src\/main\/db\/migrations\//;
/** The domain's schemas are the meaning of each field; the definitions say where it lives. */
const MEANING = /^src\/shared\/domain\//;
/**
 * Lists that are not record definitions but name fields on purpose, with the reason.
 * - redact.ts: the log deny-list of key spellings from every source (tables, wire, free text).
 */
const NOT_DEFINITIONS = ['src/shared/security/redact.ts'];

const FIELD_SETS = ENTITY_NAMES.map((name) => {
  const def = ENTITIES[name];
  const keys = Object.keys(def.fields);
  return { name, names: new Set([...keys, ...keys.map((k) => columnOf(def, k))]) };
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

function propertyName(n: ts.PropertyName | undefined): string | undefined {
  if (!n) return undefined;
  if (ts.isIdentifier(n) || ts.isStringLiteral(n)) return n.text;
  return undefined;
}

/** The entity whose fields make up at least `min` of `names`, if any. */
function entityListed(names: readonly string[], min: number): string | undefined {
  for (const set of FIELD_SETS) if (names.filter((n) => set.names.has(n)).length >= min) return set.name;
  return undefined;
}

export interface Violation {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** Rule 1: field lists (types, zod objects, string arrays) of a synced record type outside its definition. */
export function fieldListViolations(file: string, text: string): Violation[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: Violation[] = [];
  const report = (node: ts.Node, what: string, entity: string) =>
    out.push({
      file,
      line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
      message: `${what} lists fields of ${entity}: derive it from src/shared/entities/${entity}`,
    });
  const visit = (node: ts.Node) => {
    if (ts.isInterfaceDeclaration(node) || ts.isTypeLiteralNode(node)) {
      const names = node.members.map((m) => propertyName(m.name)).filter((n): n is string => n !== undefined);
      const entity = entityListed(names, 3);
      if (entity) report(node, 'A type', entity);
    }
    if (
      ts.isCallExpression(node) &&
      /^z\.(object|strictObject|looseObject)$/.test(node.expression.getText(source)) &&
      node.arguments[0] &&
      ts.isObjectLiteralExpression(node.arguments[0])
    ) {
      const declared = node.arguments[0].properties
        .filter(ts.isPropertyAssignment)
        // a property whose schema is taken from a definition or domain schema is derived, not listed
        .filter((p) => !/\.(schema|shape\.\w+)$/.test(p.initializer.getText(source)))
        .map((p) => propertyName(p.name))
        .filter((n): n is string => n !== undefined);
      const entity = entityListed(declared, 3);
      if (entity) report(node, 'A zod schema', entity);
    }
    if (ts.isArrayLiteralExpression(node) && node.elements.length >= 3) {
      const strings = node.elements.filter(ts.isStringLiteral).map((e) => e.text);
      if (strings.length === node.elements.length) {
        const entity = entityListed(strings, 3);
        if (entity) report(node, 'A list of names', entity);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const SYNCED = ENTITY_NAMES.join('|');
const KYSELY_WRITE = new RegExp(
  `\\b(insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\\(\\s*['"\`](${SYNCED})['"\` ]`,
  'g',
);
const SQL_WRITE = new RegExp(
  `\\b(INSERT\\s+(OR\\s+\\w+\\s+)?INTO|UPDATE|DELETE\\s+FROM|REPLACE\\s+INTO)\\s+["\`]?(${SYNCED})\\b`,
  'gi',
);

/** Rule 2: writes to synced tables (Kysely builders or SQL text) outside the write and apply paths. */
export function writeViolations(file: string, text: string): Violation[] {
  const out: Violation[] = [];
  for (const re of [KYSELY_WRITE, SQL_WRITE]) {
    for (const m of text.matchAll(re)) {
      const line = text.slice(0, m.index).split('\n').length;
      out.push({ file, line, message: `writes a synced table (${m[0]}) outside the write path` });
    }
  }
  return out;
}

const rel = (f: string) => relative(ROOT, f).replaceAll('\\', '/');
const files = sourceFiles(join(ROOT, 'src')).map((f) => ({ file: rel(f), text: readFileSync(f, 'utf8') }));

describe('the entity spine', () => {
  it('no code outside src/shared/entities lists a synced record type’s fields', () => {
    const violations = files
      .filter(
        ({ file }) => !file.startsWith('src/shared/entities/') && !FROZEN.test(file) && !MEANING.test(file),
      )
      .filter(({ file }) => !NOT_DEFINITIONS.includes(file))
      .flatMap(({ file, text }) => fieldListViolations(file, text));
    expect(violations.map((v) => `${v.file}:${v.line} ${v.message}`)).toEqual([]);
  });

  it('only the write path (local edits) and the apply path (server rows) write synced tables', () => {
    const violations = files
      .filter(({ file }) => !WRITERS.includes(file) && !FROZEN.test(file))
      .flatMap(({ file, text }) => writeViolations(file, text));
    expect(violations.map((v) => `${v.file}:${v.line} ${v.message}`)).toEqual([]);
  });

  it('the rules catch what they must (each violation kind fails)', () => {
    const listed = [
      `interface P { first_name: string; last_name: string; birth_date: string }`,
      `const S = z.object({ firstName: z.string(), lastName: z.string(), birthDate: z.string() });`,
      `const WRITABLE = ['household_number', 'member_list', 'householdNumber'];`,
      `type N = { category: string; title: string; body: string };`,
    ];
    for (const text of listed) expect(fieldListViolations('x.ts', text), text).toHaveLength(1);
    // derived schemas and unrelated lists pass
    expect(
      fieldListViolations(
        'x.ts',
        `const S = z.object({ firstName: personsEntity.fields.firstName.schema, lastName: s.shape.lastName, birthDate: p.shape.birthDate });
         const L = ['Oschatz', 'Torgau', 'Delitzsch'];`,
      ),
    ).toEqual([]);
    const writes = [
      `await db.insertInto('notes').values(x).execute();`,
      `await trx.updateTable("persons").set(x).execute();`,
      'await db.deleteFrom(`cases`).execute();',
      `raw.prepare('INSERT OR IGNORE INTO households (id) VALUES (?)')`,
      'sql`UPDATE appointments SET status = 1`',
      `raw.exec('DELETE FROM measure_assignments')`,
    ];
    for (const text of writes) expect(writeViolations('x.ts', text), text).toHaveLength(1);
    expect(
      writeViolations(
        'x.ts',
        `db.selectFrom('notes'); db.insertInto('sync_outbox'); db.insertInto('offices')`,
      ),
    ).toEqual([]);
  });
});
