/**
 * How a synced record type is defined ONCE (ARCHITECTURE.md "One definition per concept").
 *
 * A definition lists each field of the record with
 * - its domain schema (the meaning: src/shared/domain stays the authority),
 * - its storage in the local SQLite table (text, integer, boolean as 0/1, JSON as text),
 * - its sync policy (last-writer-wins, three-way text merge, set once, server-owned),
 * - its German label for people (`fieldLabels`: never show a wire name in the UI),
 * and, for the record, the German label, whether a row is restricted (health notes), the record
 * rules of the domain (cross-field checks) and whether a row is frozen (a finalized assessment).
 *
 * Names follow one rule, so they are never typed twice: the wire name and the IPC DTO key are the
 * domain key (`birthDate`), the local column is its snake_case (`birth_date`) unless the field
 * names another column (an old column with a different meaning stays untouched). Everything else
 * is derived here: local column names and row types, row <-> record mappers, the wire schema the
 * server validates, required-on-create, mergeable text fields and the DTO schema.
 */
import { z } from 'zod';
import { recordIdSchema } from '../domain/common/schemas';

export const STORAGES = ['text', 'integer', 'boolean', 'json'] as const;
export type Storage = (typeof STORAGES)[number];

/**
 * - lww: field-level last-writer-wins with a conflict record on a concurrent change (SYNC.md §4.4);
 * - text-merge: free text, three-way merged on concurrent edits;
 * - set-once: given at creation, refused afterwards (ids of the parent, creation dates);
 * - server-owned: the server decides the value (the final case number); a client value is a proposal
 *   on create and refused on update.
 */
export const SYNC_POLICIES = ['lww', 'text-merge', 'set-once', 'server-owned'] as const;
export type SyncPolicy = (typeof SYNC_POLICIES)[number];

export interface FieldSpec<
  S extends z.ZodType = z.ZodType,
  K extends Storage = Storage,
  C extends string | undefined = string | undefined,
> {
  readonly schema: S;
  readonly storage: K;
  readonly policy: SyncPolicy;
  /** Local column when it is not the snake_case of the key. */
  readonly column: C;
}

interface FieldOptions<C extends string | undefined> {
  readonly policy?: SyncPolicy;
  readonly column?: C;
}

function spec<S extends z.ZodType, K extends Storage, C extends string | undefined = undefined>(
  storage: K,
  schema: S,
  options: FieldOptions<C> = {},
): FieldSpec<S, K, C> {
  return { schema, storage, policy: options.policy ?? 'lww', column: options.column as C };
}

/** Field builders, one per storage. */
export const field = {
  text: <S extends z.ZodType, C extends string | undefined = undefined>(schema: S, o?: FieldOptions<C>) =>
    spec('text', schema, o),
  integer: <S extends z.ZodType, C extends string | undefined = undefined>(schema: S, o?: FieldOptions<C>) =>
    spec('integer', schema, o),
  boolean: <S extends z.ZodType, C extends string | undefined = undefined>(schema: S, o?: FieldOptions<C>) =>
    spec('boolean', schema, o),
  json: <S extends z.ZodType, C extends string | undefined = undefined>(schema: S, o?: FieldOptions<C>) =>
    spec('json', schema, o),
};

export type AnyField = FieldSpec<z.ZodType, Storage, string | undefined>;
export type Fields = Readonly<Record<string, AnyField>>;

/** The domain record of an entity: id, caseId and the fields' output values. */
export type RecordOf<F extends Fields> = { id: string; caseId: string } & {
  -readonly [K in keyof F]: z.output<F[K]['schema']>;
};
/** What a service may hand in: the fields' input values (defaults may be left out). */
export type FieldsInput<F extends Fields> = { -readonly [K in keyof F]?: z.input<F[K]['schema']> };

/** One German label per field key of a definition (a missing or unknown key does not compile). */
export type FieldLabels<F extends Fields> = { readonly [K in keyof F]: string };

type Labels = Readonly<Record<string, string>>;
/** German labels of codes: by field, and by path below a field for codes inside a structured value. */
export type ValueLabels<F> = { readonly [K in keyof F]?: Labels } & {
  readonly [P in `${string & keyof F}.${string}`]?: Labels;
};

export interface EntityDefinition<N extends string = string, F extends Fields = Fields> {
  /** Entity name on the wire and local table name (plural snake_case, e.g. 'measure_assignments'). */
  readonly name: N;
  /** German name of one record, for messages ("Vermerk"). */
  readonly label: string;
  readonly fields: F;
  /**
   * German label of every field, as people read it (the sync conflict heading "Vermerk: Text"):
   * required for each key of `fields`, so a new field cannot be shown by its wire name.
   */
  readonly fieldLabels: FieldLabels<F>;
  /**
   * German label of every stored value of each enumerated field ('assignment' -> 'Zuweisung'), for
   * places that show a stored value without its form (sync conflicts, refused edits): required for
   * each field whose schema is an enum (or a list of one), checked by defineEntity. Codes inside a
   * structured value by their path below the field (list items are transparent: 'frequency.per',
   * 'proofs.form'), required for every enum inside a JSON field too, so a conflict on an own effort
   * reads „pro Monat“ and never `month`.
   */
  readonly valueLabels?: NoInfer<ValueLabels<F>>;
  /**
   * Cross-field rules of the domain over the whole record (closing dates, status machine results),
   * as German problems. Services check them before writing; the server checks the merged row.
   */
  readonly validate?: (record: Readonly<Record<string, unknown>>) => FieldProblem[];
  /** Values the domain derives from others (a health note is always restricted). */
  readonly normalize?: (record: Readonly<Record<string, unknown>>) => Record<string, unknown>;
  /** Whether this row is restricted: never shown to team leads, never printed, not searched. */
  readonly isRestricted?: (record: Readonly<Record<string, unknown>>) => boolean;
  /** Whether the stored row is frozen (no update or archive any more), with the German reason. */
  readonly frozen?: (record: Readonly<Record<string, unknown>>) => string | null;
  /**
   * Fields that stay writable on a frozen row: a decision logged beside the frozen content (the
   * Profillage of a finalized Potenzialanalyse may still be overridden with a reason).
   */
  readonly mutableWhenFrozen?: readonly string[];
  /**
   * 'server': rows are created only by the server (a finding such as a possible duplicate); a
   * client's create is refused, its updates of the lww fields (the decision) are accepted.
   */
  readonly createdBy?: 'server';
}

/** True when a change of a frozen row touches only fields its definition keeps writable (and some). */
export function mutableWhenFrozen(
  def: Pick<EntityDefinition, 'mutableWhenFrozen'>,
  keys: readonly string[],
): boolean {
  const allowed = def.mutableWhenFrozen ?? [];
  return keys.length > 0 && keys.every((key) => allowed.includes(key));
}

/** Columns every synced table carries for sync bookkeeping; no field may use them. */
export const BOOKKEEPING_COLUMNS = [
  'id',
  'case_id',
  'row_version',
  'field_meta',
  'dirty',
  'archived_at',
  'created_at',
  'updated_at',
  'created_by',
  'updated_by',
] as const;

export function defineEntity<const N extends string, const F extends Fields>(
  def: EntityDefinition<N, F>,
): EntityDefinition<N, F> {
  const columns = new Set<string>();
  for (const [key, f] of Object.entries(def.fields)) {
    if (key === 'id' || key === 'caseId') throw new Error(`${def.name}: ${key} is implicit`);
    if (!/^[a-z][A-Za-z0-9]*$/.test(key)) throw new Error(`${def.name}: field key ${key} is not camelCase`);
    const column = f.column ?? snakeCase(key);
    if ((BOOKKEEPING_COLUMNS as readonly string[]).includes(column) || columns.has(column))
      throw new Error(`${def.name}: column ${column} of ${key} is taken`);
    columns.add(column);
    const label: unknown = Object.hasOwn(def.fieldLabels, key) ? def.fieldLabels[key] : undefined;
    if (typeof label !== 'string' || label.trim() === '') throw new Error(`${def.name}: ${key} has no label`);
  }
  for (const key of Object.keys(def.fieldLabels))
    if (!Object.hasOwn(def.fields, key)) throw new Error(`${def.name}: label of unknown field ${key}`);
  const valueLabels: Readonly<Record<string, Readonly<Record<string, string>> | undefined>> =
    def.valueLabels ?? {};
  for (const [key, f] of Object.entries(def.fields)) {
    const options = enumOptions(f.schema);
    const labels = Object.hasOwn(valueLabels, key) ? valueLabels[key] : undefined;
    if (options === null) {
      if (labels) throw new Error(`${def.name}: value labels of ${key}, which is no enum`);
      continue;
    }
    for (const option of options) {
      const label: unknown = labels && Object.hasOwn(labels, option) ? labels[option] : undefined;
      if (typeof label !== 'string' || label.trim() === '')
        throw new Error(`${def.name}: value ${option} of ${key} has no label`);
    }
  }
  const nested = new Map<string, readonly string[]>();
  for (const [key, f] of Object.entries(def.fields))
    for (const [path, options] of nestedEnums(f.schema)) nested.set(`${key}.${path}`, options);
  for (const [path, options] of nested) {
    const labels = Object.hasOwn(valueLabels, path) ? valueLabels[path] : undefined;
    for (const option of options) {
      const label: unknown = labels && Object.hasOwn(labels, option) ? labels[option] : undefined;
      if (typeof label !== 'string' || label.trim() === '')
        throw new Error(`${def.name}: value ${option} of ${path} has no label`);
    }
  }
  for (const key of Object.keys(valueLabels))
    if (!Object.hasOwn(def.fields, key) && !nested.has(key))
      throw new Error(`${def.name}: value labels of unknown field ${key}`);
  return def;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional']);

/** The stored values of an enum field (also behind optional/nullable/default, or as list items); else null. */
export function enumOptions(schema: z.ZodType): string[] | null {
  let s = schema as z.core.$ZodType;
  for (;;) {
    const def = s._zod.def as z.core.$ZodTypeDef & { innerType?: z.core.$ZodType; element?: z.core.$ZodType };
    if (WRAPPERS.has(def.type) && def.innerType) s = def.innerType;
    else if (def.type === 'array' && def.element) s = def.element;
    else if (def.type === 'enum') return Object.values((def as z.core.$ZodEnumDef).entries).map(String);
    else return null;
  }
}

/**
 * The enums inside a structured schema by their path below it ('per' of a frequency, 'form' of a
 * list of proofs; list items are transparent, alternatives of a union share their paths).
 */
export function nestedEnums(schema: z.ZodType): Map<string, readonly string[]> {
  const found = new Map<string, Set<string>>();
  const walk = (s: z.core.$ZodType, path: string) => {
    const def = s._zod.def as z.core.$ZodTypeDef & {
      innerType?: z.core.$ZodType;
      element?: z.core.$ZodType;
      shape?: Readonly<Record<string, z.core.$ZodType>>;
      options?: readonly z.core.$ZodType[];
      in?: z.core.$ZodType;
    };
    if (WRAPPERS.has(def.type) && def.innerType) walk(def.innerType, path);
    else if (def.type === 'array' && def.element) walk(def.element, path);
    else if (def.type === 'pipe' && def.in) walk(def.in, path);
    else if (def.type === 'union' && def.options) for (const o of def.options) walk(o, path);
    else if (def.type === 'object' && def.shape)
      for (const [key, child] of Object.entries(def.shape)) walk(child, path === '' ? key : `${path}.${key}`);
    else if (def.type === 'enum' && path !== '') {
      const options = found.get(path) ?? new Set<string>();
      for (const v of Object.values((def as z.core.$ZodEnumDef).entries)) options.add(String(v));
      found.set(path, options);
    }
  };
  walk(schema as z.core.$ZodType, '');
  return new Map([...found].map(([path, options]) => [path, [...options]]));
}

/**
 * A code inside a structured value in German words, by its path from the field ('frequency.per',
 * 'month' -> 'pro Monat'); null when the path has no labels (not an enum, or free text).
 */
export function nestedValueLabel(def: EntityDefinition, path: string, value: unknown): string | null {
  const labels: Readonly<Record<string, string>> | undefined =
    def.valueLabels && Object.hasOwn(def.valueLabels, path)
      ? (def.valueLabels as Readonly<Record<string, Readonly<Record<string, string>>>>)[path]
      : undefined;
  if (!labels || typeof value !== 'string') return null;
  return Object.hasOwn(labels, value) ? labels[value]! : value;
}

/**
 * A stored value of a field in German words when the field is enumerated ('assignment' ->
 * 'Zuweisung', a list as its labels joined by commas); null when the field has no value labels.
 */
export function valueLabel(def: EntityDefinition, key: string, value: unknown): string | null {
  const labels = def.valueLabels && Object.hasOwn(def.valueLabels, key) ? def.valueLabels[key] : undefined;
  if (!labels) return null;
  const one = (v: unknown) => (typeof v === 'string' && Object.hasOwn(labels, v) ? labels[v]! : String(v));
  if (Array.isArray(value)) return value.map(one).join(', ');
  return one(value);
}

// ---------------------------------------------------------------- names

type SnakeCase<S extends string> = S extends `${infer H}${infer T}`
  ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${SnakeCase<T>}`
  : S;

/** An object type with its keys as snake_case columns (a local table storing a shared schema's values). */
export type SnakeCased<T> = { [K in keyof T & string as SnakeCase<K>]: T[K] };

export type ColumnName<K extends string, F extends AnyField> = F['column'] extends string
  ? F['column']
  : SnakeCase<K>;

const snakeCases = new Map<string, string>();

/** camelCase field key to its snake_case column (memoized: every row decode asks for every field). */
export function snakeCase(key: string): string {
  let column = snakeCases.get(key);
  if (column === undefined) {
    column = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    snakeCases.set(key, column);
  }
  return column;
}

export function columnOf(def: EntityDefinition, key: string): string {
  const f = def.fields[key];
  if (!f) throw new Error(`${def.name}: unknown field ${key}`);
  return f.column ?? snakeCase(key);
}

/** Local columns a write may set, per field key (derived). */
export function writableColumns(def: EntityDefinition): string[] {
  return Object.keys(def.fields).map((k) => columnOf(def, k));
}

// ---------------------------------------------------------------- local row types

type Nullable<F extends AnyField, T> = null extends z.output<F['schema']> ? T | null : T;
export type LocalValue<F extends AnyField> = F['storage'] extends 'boolean'
  ? Nullable<F, number>
  : F['storage'] extends 'json'
    ? Nullable<F, string>
    : z.output<F['schema']>;

/** The domain columns of the local table (the synced bookkeeping columns are added in main). */
export type LocalColumnsOf<D extends EntityDefinition> = {
  [K in keyof D['fields'] & string as ColumnName<K, D['fields'][K]>]: LocalValue<D['fields'][K]>;
};

// ---------------------------------------------------------------- encoding

/** JSON with object keys sorted: the same value always gives the same text (servers reorder keys). */
export function stableJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    return v;
  };
  return JSON.stringify(sort(value));
}

export function encodeValue(f: AnyField, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (f.storage) {
    case 'boolean':
      return value ? 1 : 0;
    case 'json':
      return stableJson(value);
    default:
      return value;
  }
}

export function decodeValue(f: AnyField, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (f.storage) {
    case 'boolean':
      return value === 1 || value === true;
    case 'json':
      return typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
    default:
      return value;
  }
}

/** Domain values (by key) -> local columns (by column name). Unknown keys throw. */
export function toColumns(def: EntityDefinition, values: Readonly<Record<string, unknown>>) {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const f = Object.hasOwn(def.fields, key) ? def.fields[key] : undefined;
    if (!f) throw new Error(`${def.name}: unknown field ${key}`);
    out[columnOf(def, key)] = encodeValue(f, value);
  }
  return out;
}

/** A local row -> the domain record (id, caseId and every field). */
export function fromRow<D extends EntityDefinition>(
  def: D,
  row: Readonly<Record<string, unknown>>,
): RecordOf<D['fields']> {
  const out: Record<string, unknown> = { id: row['id'], caseId: row['case_id'] };
  for (const [key, f] of Object.entries(def.fields)) out[key] = decodeValue(f, row[columnOf(def, key)]);
  return out as RecordOf<D['fields']>;
}

// ---------------------------------------------------------------- validation

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** The German problems of a domain record schema (path joined with '.'); [] when valid. */
export function problemsOf(schema: z.ZodType, value: unknown): FieldProblem[] {
  const parsed = schema.safeParse(value);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => ({
    field: i.path.map(String).join('.') || '_record',
    message: i.message,
  }));
}

const requiredness = new WeakMap<AnyField, boolean>();

/** Whether a field must be given when a record is created (its schema accepts no missing value). */
export function isRequired(f: AnyField): boolean {
  let required = requiredness.get(f);
  if (required === undefined) {
    required = !f.schema.safeParse(undefined).success;
    requiredness.set(f, required);
  }
  return required;
}

export function requiredFields(def: EntityDefinition): string[] {
  return Object.entries(def.fields)
    .filter(([, f]) => isRequired(f))
    .map(([k]) => k);
}

export function mergeableTextFields(def: EntityDefinition): string[] {
  return Object.entries(def.fields)
    .filter(([, f]) => f.policy === 'text-merge')
    .map(([k]) => k);
}

/**
 * Checks wire/DTO field values against the definition: unknown names, invalid values (German
 * messages from the domain schemas). Values are checked as they travel (after defaults applied by
 * the sender), so `undefined` is not a value.
 */
export function checkFields(
  def: EntityDefinition,
  values: Readonly<Record<string, unknown>>,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [name, value] of Object.entries(values)) {
    const f = Object.hasOwn(def.fields, name) ? def.fields[name] : undefined;
    if (!f) {
      problems.push({
        field: name,
        message: `Das Feld „${name.slice(0, 60)}“ ist für ${def.label} unbekannt.`,
      });
      continue;
    }
    if (value === undefined) {
      problems.push({ field: name, message: 'Es fehlt ein Wert.' });
      continue;
    }
    const parsed = f.schema.safeParse(value);
    if (!parsed.success) {
      problems.push({ field: name, message: parsed.error.issues[0]?.message ?? 'Ungültiger Wert.' });
    }
  }
  return problems;
}

/** Parses field inputs into domain values (defaults applied, text trimmed); throws nothing. */
export function parseFields(
  def: EntityDefinition,
  values: Readonly<Record<string, unknown>>,
  mode: 'create' | 'update',
): { ok: true; values: Record<string, unknown> } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(values)) {
    if (!Object.hasOwn(def.fields, name))
      problems.push({
        field: name,
        message: `Das Feld „${name.slice(0, 60)}“ ist für ${def.label} unbekannt.`,
      });
  }
  for (const [name, f] of Object.entries(def.fields)) {
    const given = Object.hasOwn(values, name) ? values[name] : undefined;
    if (mode === 'update' && given === undefined) continue;
    const parsed = f.schema.safeParse(given);
    if (parsed.success) out[name] = parsed.data;
    else problems.push({ field: name, message: parsed.error.issues[0]?.message ?? 'Ungültiger Wert.' });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values: out };
}

// ---------------------------------------------------------------- DTOs

/** The zod schema of a record as it crosses IPC (id, caseId, every field, rowVersion). */
export function dtoSchema<D extends EntityDefinition>(def: D) {
  const shape: Record<string, z.ZodType> = { id: recordIdSchema, caseId: recordIdSchema };
  for (const [key, f] of Object.entries(def.fields)) shape[key] = f.schema;
  shape['rowVersion'] = z.number().int().min(0);
  return z.object(shape) as unknown as z.ZodType<RecordOf<D['fields']> & { rowVersion: number }>;
}

/** The zod schema of a create input over IPC: the fields (defaults may be left out), strict. */
export function createInputSchema(def: EntityDefinition) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, f] of Object.entries(def.fields))
    if (f.policy !== 'server-owned') shape[key] = isRequired(f) ? f.schema : f.schema.optional();
  return z.strictObject(shape);
}

/** The zod schema of an update input over IPC: lww/text-merge fields, all optional, strict. */
export function updateInputSchema(def: EntityDefinition) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, f] of Object.entries(def.fields)) {
    // a missing field stays as it is: defaults apply at creation, never on an update
    const inner = f.schema instanceof z.ZodDefault ? (f.schema.unwrap() as z.ZodType) : f.schema;
    if (f.policy === 'lww' || f.policy === 'text-merge') shape[key] = inner.optional();
  }
  return z.strictObject(shape);
}
