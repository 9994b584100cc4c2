/**
 * Every channel of the workspace, part 2, refuses hostile input with a stable code and a German
 * message, and nothing is written: control characters, bidirectional overrides (U+202E), text far
 * beyond any limit, impossible dates (2026-02-30), unknown fields.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WORKSPACE_CHANNELS } from '../../../src/shared/ipc/contract';
import { tableRows } from '../../helpers/local-db';
import { createWriteBackend, type WriteBackend } from '../../helpers/write-backend';

let b: WriteBackend;
let caseId: string;
beforeEach(async () => {
  b = await createWriteBackend();
  caseId = (await b.newCase()).caseId;
});
afterEach(async () => {
  await b.t.destroy();
});

const HOSTILE = ['Name\u0000', 'Name\u0007', 'Rück\u202Eseite', 'x'.repeat(100_001), '2026-02-30'];

/** A valid input per channel, with one string slot to poison. */
const inputs: Record<(typeof WORKSPACE_CHANNELS)[number], (v: string) => unknown> = {
  'measures:candidates': (v) => ({ caseId, plannedStart: v }),
  'measures:list': (v) => ({ caseId: v }),
  'cases:phase-check': (v) => ({ caseId: v }),
  'cases:advance-phase': (v) => ({ caseId: v }),
  'own-efforts:list': (v) => ({ caseId: v }),
  'contacts:list': (v) => ({ caseId: v }),
  'consents:list': (v) => ({ caseId: v }),
  'appointments:next': (v) => ({ caseIds: [v] }),
  'persons:find-duplicates': (v) => ({ firstName: v, lastName: 'Schäfer', birthDate: '1985-03-12' }),
};

describe('workspace channels refuse hostile input', () => {
  it.each(WORKSPACE_CHANNELS)('%s', async (channel) => {
    const before = tableRows(b.t.raw, 'sync_outbox').length;
    const phase = (await b.call('cases:get', { caseId })).case.phase;
    // an id or a name like "2026-02-30" is well-formed: the impossible date goes where a date belongs
    const values = ['appointments:next', 'persons:find-duplicates'].includes(channel)
      ? HOSTILE.filter((v) => v !== '2026-02-30')
      : HOSTILE;
    for (const value of values) {
      const refused = await b.refused(channel, inputs[channel](value));
      expect(refused.code, value.slice(0, 20)).toMatch(/VALIDATION_FAILED|NOT_FOUND/);
      expect(refused.message).toMatch(/[äöüÄÖÜß]|Bitte|nicht|Eingabe/);
    }
    const unknownField = await b.refused(channel, { ...(inputs[channel]('x') as object), extra: 1 });
    expect(unknownField.code).toBe('VALIDATION_FAILED');
    expect(tableRows(b.t.raw, 'sync_outbox').length).toBe(before);
    expect((await b.call('cases:get', { caseId })).case.phase).toBe(phase);
  });

  it('the wizard refuses a bidi override in a stated fact and a derived flag', async () => {
    const refused = await b.refused('measures:candidates', {
      caseId,
      plannedStart: '2026-03-16',
      facts: { flags: { disabled: true } },
    });
    expect(refused.code).toBe('VALIDATION_FAILED');
    const bidi = await b.refused('persons:find-duplicates', {
      firstName: 'Anna',
      lastName: '\u202Erefähcs',
      birthDate: '1985-03-12',
    });
    expect(JSON.stringify(bidi)).toContain('Schreibrichtung');
    const date = await b.refused('persons:find-duplicates', {
      firstName: 'Anna',
      lastName: 'Schäfer',
      birthDate: '2026-02-30',
    });
    expect(date.code).toBe('VALIDATION_FAILED');
  });
});
