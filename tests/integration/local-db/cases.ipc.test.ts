import { createCaseloadReader } from '../../../src/main/features/cases/caseload';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { casesHandlers } from '../../../src/main/features/cases/cases.ipc';
import type { CasesService } from '../../../src/main/features/cases/cases.service';
import { dateInBerlin } from '../../../src/shared/domain/common/dates';
import { ipcContract } from '../../../src/shared/ipc/contract';
import { createCasesDb, type TestDb } from '../../helpers/local-db';

let t: TestDb;
let cases: CasesService;
beforeEach(async () => {
  ({ t, cases } = await createCasesDb());
});
afterEach(async () => {
  await t.destroy();
});

const person = (birthDate: string) => ({
  customerNumber: '321D654987',
  firstName: 'Käthe',
  lastName: 'Rößler',
  birthDate,
  town: 'Dommitzsch',
  disability: 'severely_disabled' as const,
});

describe('cases:get', () => {
  it('derives the target groups on the day of the request from what the local record knows', async () => {
    const { caseId } = await cases.createCase({
      officeId: 'torgau',
      caseworkerId: 'ifk-7',
      openedOn: '2026-02-01',
      person: person('1976-12-01'),
      household: {
        householdNumber: '09876BG0012345',
        members: [
          { role: 'applicant', birthDate: '1976-12-01' },
          { role: 'child', birthDate: '2014-06-01' },
        ],
      },
    });
    let today = '2026-11-30';
    const handler = casesHandlers(
      cases,
      () => t.db,
      () => today,
      createCaseloadReader({ db: () => t.db, caseworkerId: () => 'ifk-7', now: () => new Date() }),
    )['cases:get'];
    const get = (input: { caseId: string }) => handler(input, { channel: 'cases:get' });
    const before = ipcContract['cases:get'].output.parse(await get({ caseId }));
    expect(before.targetGroups.map((g) => g.group)).toEqual(['singleParent', 'severelyDisabledOrEqual']);
    today = '2026-12-01';
    const after = ipcContract['cases:get'].output.parse(await get({ caseId }));
    expect(after.targetGroups.map((g) => g.group)).toEqual([
      'over50',
      'singleParent',
      'severelyDisabledOrEqual',
    ]);
    expect(after.targetGroups[0]).toEqual({
      group: 'over50',
      label: '50 Jahre und älter (Ü50)',
      reason: 'Am 01.12.2026 ist die Person 50 Jahre alt.',
    });
  });

  it('the offices’ date is Berlin time, not UTC', () => {
    expect(dateInBerlin(new Date('2026-11-30T23:30:00Z'))).toBe('2026-12-01');
    expect(dateInBerlin(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(dateInBerlin(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
  });
});
