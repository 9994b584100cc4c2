import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  checkFields,
  createInputSchema,
  defineEntity,
  dtoSchema,
  ENTITIES,
  ENTITY_NAMES,
  enumOptions,
  field,
  fromRow,
  mergeableTextFields,
  mutableWhenFrozen,
  nestedEnums,
  nestedValueLabel,
  parseFields,
  problemsOf,
  requiredFields,
  stableJson,
  toColumns,
  updateInputSchema,
  valueLabel,
  writableColumns,
} from './index';

const probe = defineEntity({
  name: 'probes',
  label: 'Probe',
  fields: {
    title: field.text(z.string().trim().min(1, { message: 'Bitte einen Titel angeben.' })),
    count: field.integer(z.number().int().default(0)),
    active: field.boolean(z.boolean().default(false)),
    tags: field.json(z.array(z.string()).default([])),
    note: field.text(z.string().nullable().default(null), { policy: 'text-merge' }),
    openedOn: field.text(z.iso.date(), { policy: 'set-once', column: 'opened' }),
    finalNumber: field.text(z.string().nullable().default(null), { policy: 'server-owned' }),
  },
  fieldLabels: {
    title: 'Titel',
    count: 'Anzahl',
    active: 'Aktiv',
    tags: 'Schlagworte',
    note: 'Anmerkung',
    openedOn: 'Eröffnet am',
    finalNumber: 'Endgültige Nummer',
  },
});

describe('defineEntity', () => {
  it('refuses implicit, non-camelCase and colliding field names', () => {
    const f = field.text(z.string());
    const x = { name: 'x', label: 'X' } as const;
    expect(() => defineEntity({ ...x, fields: { id: f }, fieldLabels: { id: 'Id' } })).toThrow(/implicit/);
    expect(() => defineEntity({ ...x, fields: { Bad_name: f }, fieldLabels: { Bad_name: 'B' } })).toThrow(
      /camelCase/,
    );
    expect(() => defineEntity({ ...x, fields: { createdBy: f }, fieldLabels: { createdBy: 'C' } })).toThrow(
      /taken/,
    );
    expect(() =>
      defineEntity({
        ...x,
        fields: { a: f, b: field.text(z.string(), { column: 'a' }) },
        fieldLabels: { a: 'A', b: 'B' },
      }),
    ).toThrow(/taken/);
  });

  it('requires a German label for every field, and only for its fields', () => {
    const f = field.text(z.string());
    const x = { name: 'x', label: 'X' } as const;
    expect(defineEntity({ ...x, fields: { a: f }, fieldLabels: { a: 'A' } }).fieldLabels).toEqual({ a: 'A' });
    // @ts-expect-error a field without a label does not compile
    expect(() => defineEntity({ ...x, fields: { a: f, b: f }, fieldLabels: { a: 'A' } })).toThrow(
      /b has no label/,
    );
    expect(() => defineEntity({ ...x, fields: { a: f }, fieldLabels: { a: ' ' } })).toThrow(/a has no label/);
    expect(() =>
      // @ts-expect-error a label of an unknown field does not compile
      defineEntity({ ...x, fields: { a: f }, fieldLabels: { a: 'A', c: 'C' } }),
    ).toThrow(/unknown field c/);
  });

  it('derives columns, required fields and merge fields from the one definition', () => {
    expect(writableColumns(probe)).toEqual([
      'title',
      'count',
      'active',
      'tags',
      'note',
      'opened',
      'final_number',
    ]);
    expect(requiredFields(probe)).toEqual(['title', 'openedOn']);
    expect(mergeableTextFields(probe)).toEqual(['note']);
    expect(mergeableTextFields(ENTITIES.notes)).toEqual(['body']);
  });

  it('maps domain values to columns and back (booleans as 0/1, JSON with sorted keys)', () => {
    const columns = toColumns(probe, {
      title: 'A',
      active: true,
      tags: ['x'],
      note: null,
      openedOn: '2026-03-02',
    });
    expect(columns).toEqual({ title: 'A', active: 1, tags: '["x"]', note: null, opened: '2026-03-02' });
    expect(() => toColumns(probe, { nope: 1 })).toThrow(/unknown field/);
    const row = { id: 'p1', case_id: 'c1', ...columns, count: 2, final_number: null };
    expect(fromRow(probe, row)).toEqual({
      id: 'p1',
      caseId: 'c1',
      title: 'A',
      count: 2,
      active: true,
      tags: ['x'],
      note: null,
      openedOn: '2026-03-02',
      finalNumber: null,
    });
    expect(stableJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}',
    );
  });

  it('checks and parses field values with the domain’s German messages', () => {
    expect(checkFields(probe, { title: 'A', count: 1 })).toEqual([]);
    expect(checkFields(probe, { title: ' ' })).toEqual([
      { field: 'title', message: 'Bitte einen Titel angeben.' },
    ]);
    expect(checkFields(probe, { other: 1 })[0]!.message).toMatch(/unbekannt/);
    expect(checkFields(probe, { title: undefined })[0]!.message).toBe('Es fehlt ein Wert.');
    const created = parseFields(probe, { title: ' A ', openedOn: '2026-03-02' }, 'create');
    expect(created).toEqual({
      ok: true,
      values: {
        title: 'A',
        count: 0,
        active: false,
        tags: [],
        note: null,
        openedOn: '2026-03-02',
        finalNumber: null,
      },
    });
    expect(parseFields(probe, { count: 3 }, 'update')).toEqual({ ok: true, values: { count: 3 } });
    const refused = parseFields(probe, { extra: 1 }, 'create');
    expect(refused.ok).toBe(false);
    expect(problemsOf(z.object({ a: z.string() }), { a: 1 })[0]!.field).toBe('a');
    expect(problemsOf(z.string(), 1)[0]!.field).toBe('_record');
  });

  it('derives the IPC schemas: create without server-owned fields, update with changeable fields only, DTO with row version', () => {
    const create = createInputSchema(probe);
    expect(create.safeParse({ title: 'A', openedOn: '2026-03-02' }).success).toBe(true);
    expect(create.safeParse({ title: 'A', openedOn: '2026-03-02', finalNumber: 'X' }).success).toBe(false);
    expect(create.safeParse({ openedOn: '2026-03-02' }).success).toBe(false);
    const update = updateInputSchema(probe);
    expect(update.safeParse({ note: 'x' }).success).toBe(true);
    expect(update.safeParse({ openedOn: '2026-03-03' }).success).toBe(false);
    // an update never fills in defaults for fields it does not name
    expect(update.parse({ note: 'x' })).toEqual({ note: 'x' });
    const dto = dtoSchema(probe).parse({
      id: 'p1',
      caseId: 'c1',
      title: 'A',
      openedOn: '2026-03-02',
      rowVersion: 4,
      unknown: 'stripped',
    });
    expect(dto).toMatchObject({ id: 'p1', rowVersion: 4, count: 0 });
    expect('unknown' in dto).toBe(false);
  });

  it('requires a German label for every value of an enumerated field, and no labels elsewhere', () => {
    const x = { name: 'x', label: 'X' } as const;
    const kind = field.text(z.enum(['a', 'b']).nullable().default(null));
    const kinds = field.json(z.array(z.enum(['a', 'b'])).default([]));
    expect(() => defineEntity({ ...x, fields: { kind }, fieldLabels: { kind: 'Art' } })).toThrow(
      /value a of kind has no label/,
    );
    expect(() =>
      defineEntity({
        ...x,
        fields: { kind },
        fieldLabels: { kind: 'Art' },
        valueLabels: { kind: { a: 'A' } },
      }),
    ).toThrow(/value b of kind has no label/);
    expect(() =>
      defineEntity({ ...x, fields: { kinds }, fieldLabels: { kinds: 'Arten' }, valueLabels: { kinds: {} } }),
    ).toThrow(/value a of kinds has no label/);
    const title = field.text(z.string());
    expect(() =>
      defineEntity({
        ...x,
        fields: { title },
        fieldLabels: { title: 'T' },
        valueLabels: { title: { a: 'A' } },
      }),
    ).toThrow(/title, which is no enum/);
    const ok = defineEntity({
      ...x,
      fields: { kind, kinds },
      fieldLabels: { kind: 'Art', kinds: 'Arten' },
      valueLabels: { kind: { a: 'Erste', b: 'Zweite' }, kinds: { a: 'Erste', b: 'Zweite' } },
    });
    expect(valueLabel(ok, 'kind', 'b')).toBe('Zweite');
    expect(valueLabel(ok, 'kinds', ['a', 'b'])).toBe('Erste, Zweite');
    expect(valueLabel(ok, 'kind', 'neu')).toBe('neu'); // a value of a newer version as stored
    expect(valueLabel(probe, 'title', 'a')).toBeNull();
    expect(enumOptions(z.enum(['x', 'y']).optional())).toEqual(['x', 'y']);
    expect(enumOptions(z.string())).toBeNull();
  });

  it('requires a German label for every code inside a structured value, by its path below the field', () => {
    const x = { name: 'x', label: 'X' } as const;
    const frequency = field.json(
      z
        .object({ count: z.number(), per: z.enum(['week', 'month']) })
        .nullable()
        .default(null),
    );
    const proofs = field.json(z.array(z.object({ form: z.enum(['list']), note: z.string() })).default([]));
    const base = { ...x, fields: { frequency, proofs }, fieldLabels: { frequency: 'H', proofs: 'N' } };
    expect(() => defineEntity({ ...base, valueLabels: { 'proofs.form': { list: 'Liste' } } })).toThrow(
      /value week of frequency.per has no label/,
    );
    expect(() =>
      defineEntity({
        ...base,
        valueLabels: { 'frequency.per': { week: 'pro Woche' }, 'proofs.form': { list: 'Liste' } },
      }),
    ).toThrow(/value month of frequency.per has no label/);
    const labels = {
      'frequency.per': { week: 'pro Woche', month: 'pro Monat' },
      'proofs.form': { list: 'Liste' },
    };
    expect(() => defineEntity({ ...base, valueLabels: { ...labels, 'proofs.note': { a: 'A' } } })).toThrow(
      /value labels of unknown field proofs.note/,
    );
    const ok = defineEntity({ ...base, valueLabels: labels });
    expect(nestedValueLabel(ok, 'frequency.per', 'month')).toBe('pro Monat');
    expect(nestedValueLabel(ok, 'frequency.per', 'year')).toBe('year'); // a newer version's code as stored
    expect(nestedValueLabel(ok, 'frequency.count', 4)).toBeNull();
    expect([...nestedEnums(proofs.schema)]).toEqual([['form', ['list']]]);
  });

  it('every enumerated field of the product has its values in German', () => {
    expect(valueLabel(ENTITIES.measure_assignments, 'kind', 'assignment')).toBe(
      'Zuweisung durch das Jobcenter',
    );
    expect(valueLabel(ENTITIES.contacts, 'direction', 'inbound')).toBe('eingehend');
    expect(valueLabel(ENTITIES.cases, 'officeId', 'torgau')).toBe('Torgau');
    expect(valueLabel(ENTITIES.plan_handovers, 'regimeId', 'grundsicherung')).toBe('Neue Grundsicherung');
    for (const name of ENTITY_NAMES)
      for (const [key, f] of Object.entries(ENTITIES[name].fields))
        for (const option of enumOptions(f.schema) ?? [])
          expect(valueLabel(ENTITIES[name], key, option), `${name}.${key} = ${option}`).toMatch(/\S/);
  });

  it('every product definition parses its own defaults and is registered under its name', () => {
    for (const name of ENTITY_NAMES) {
      expect(ENTITIES[name].name).toBe(name);
      expect(Object.keys(ENTITIES[name].fields).length).toBeGreaterThan(0);
      expect(Object.keys(ENTITIES[name].fieldLabels)).toEqual(Object.keys(ENTITIES[name].fields));
    }
  });

  it('knows the domain invariants of notes, assessments and handed-over plans', () => {
    expect(ENTITIES.notes.normalize!({ category: 'Gesundheit', restricted: false })).toMatchObject({
      restricted: true,
    });
    expect(ENTITIES.notes.normalize!({ title: 'x' })).toEqual({ title: 'x' });
    expect(ENTITIES.notes.isRestricted!({ category: 'Beratung', restricted: false })).toBe(false);
    expect(ENTITIES.notes.isRestricted!({ category: 'Gesundheit', restricted: false })).toBe(true);
    expect(ENTITIES.assessments.frozen!({ status: 'draft' })).toBeNull();
    expect(ENTITIES.assessments.frozen!({ status: 'finalized' })).toMatch(/Fortschreibung/);
    expect(ENTITIES.plan_handovers.frozen!({})).toMatch(/nie geändert/);
    const mismatch = ENTITIES.assessments.validate!({
      id: 'a1',
      caseId: 'c1',
      version: 1,
      previousVersionId: null,
      amendmentReason: null,
      status: 'draft',
      catalogueVersion: '2026.1',
      createdOn: '2026-03-02',
      createdBy: 'u1',
      finalizedOn: null,
      finalizedBy: null,
      targetOccupation: null,
      integrationForecast: null,
      dominantKeyFactor: null,
      entries: [],
      profileSituation: { assessmentId: 'other', assessmentVersion: 1 },
    });
    expect(mismatch.map((p) => p.field)).toContain('profileSituation');
  });
});

describe('frozen rows', () => {
  it('a finalized assessment keeps only its Profillage writable; other entities nothing', () => {
    const def = ENTITIES.assessments;
    expect(def.frozen?.({ status: 'finalized' })).toContain('Fortschreibung');
    expect(mutableWhenFrozen(def, ['profileSituation'])).toBe(true);
    expect(mutableWhenFrozen(def, ['profileSituation', 'entries'])).toBe(false);
    expect(mutableWhenFrozen(def, [])).toBe(false);
    expect(mutableWhenFrozen(ENTITIES.plan_handovers, ['content'])).toBe(false);
  });
});
