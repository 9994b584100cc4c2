import { describe, expect, it } from 'vitest';
import {
  deviceTag,
  finalCaseNumber,
  canChangeCaseStatus,
  isProvisionalCaseNumber,
  provisionalCaseNumber,
  caseNumberSchema,
} from './case';
import { consentSchema, hasConsent } from './consent';
import { lastReachedContactOn } from './contact';
import { isOfficeId, officeCode, OFFICES } from './office';
import { isSingleParentHousehold, minorChildrenOn } from './household';

describe('case numbers that stay unique offline', () => {
  it('a laptop hands out provisional numbers with its device tag; the server hands out final ones', () => {
    const tag = deviceTag('7d1f6d0e-8a2b-4c1e-9f3a-000000000001');
    expect(tag).toMatch(/^[0-9A-Z]{6}$/);
    expect(deviceTag('7d1f6d0e-8a2b-4c1e-9f3a-000000000001')).toBe(tag);
    expect(deviceTag('7d1f6d0e-8a2b-4c1e-9f3a-000000000002')).not.toBe(tag);
    const provisional = provisionalCaseNumber('OSZ', 2026, tag, 7);
    expect(provisional).toBe(`OSZ-2026-V${tag}-0007`);
    expect(isProvisionalCaseNumber(provisional)).toBe(true);
    expect(caseNumberSchema.safeParse(provisional).success).toBe(true);
    const final = finalCaseNumber('OSZ', 2026, 42);
    expect(final).toBe('OSZ-2026-000042');
    expect(isProvisionalCaseNumber(final)).toBe(false);
  });

  it('tags of many devices rarely collide', () => {
    const tags = new Set(Array.from({ length: 2000 }, (_, i) => deviceTag(`device-${i}`)));
    expect(tags.size).toBeGreaterThan(1990);
  });

  it('allows the case status machine and a status staying as it is', () => {
    expect(canChangeCaseStatus('aktiv', 'aktiv')).toBe(true);
    expect(canChangeCaseStatus('abgeschlossen', 'ruhend')).toBe(false);
    expect(canChangeCaseStatus('ruhend', 'aktiv')).toBe(true);
  });
});

describe('offices: one vocabulary', () => {
  it('uses the server’s ids with their case number codes', () => {
    expect(OFFICES.map((o) => o.id)).toEqual(['oschatz', 'delitzsch', 'eilenburg', 'torgau']);
    expect(officeCode('torgau')).toBe('TO');
    expect(isOfficeId('office-torgau')).toBe(false);
    expect(isOfficeId('eilenburg')).toBe(true);
  });
});

describe('contacts and consents', () => {
  it('the last contact is the latest one in which the person was reached, not after the day', () => {
    const contacts = [
      { occurredAt: '2026-02-01T09:00:00Z', reached: true },
      { occurredAt: '2026-02-10T09:00:00Z', reached: false },
      { occurredAt: '2026-03-05T09:00:00Z', reached: true },
    ];
    expect(lastReachedContactOn(contacts, '2026-03-01')).toBe('2026-02-01');
    expect(lastReachedContactOn(contacts, '2026-03-31')).toBe('2026-03-05');
    expect(lastReachedContactOn([], '2026-03-31')).toBeNull();
  });

  it('a consent is in force from its date until withdrawn; a withdrawal cannot precede it', () => {
    const c = { purpose: 'email_contact' as const, givenOn: '2026-01-10', withdrawnOn: '2026-02-01' };
    expect(hasConsent([c], 'email_contact', '2026-01-09')).toBe(false);
    expect(hasConsent([c], 'email_contact', '2026-01-31')).toBe(true);
    expect(hasConsent([c], 'email_contact', '2026-02-01')).toBe(false);
    expect(hasConsent([c], 'provider_data_sharing', '2026-01-31')).toBe(false);
    const parsed = consentSchema.safeParse({
      id: 'k1',
      caseId: 'c1',
      purpose: 'email_contact',
      givenOn: '2026-02-01',
      form: 'schriftlich',
      withdrawnOn: '2026-01-01',
      recordedBy: 'u1',
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('Der Widerruf kann nicht vor der Einwilligung liegen.');
  });
});

describe('households with members whose birth date is not recorded', () => {
  it('count a child of unknown age as minor and an adult of unknown age as adult', () => {
    const h = {
      id: 'h',
      householdNumber: 'BG',
      members: [
        { personId: null, role: 'applicant' as const, birthDate: null },
        { personId: null, role: 'child' as const, birthDate: null },
        { personId: null, role: 'child' as const, birthDate: '2000-01-01' },
      ],
    };
    expect(minorChildrenOn(h, '2026-03-02')).toBe(1);
    expect(isSingleParentHousehold(h, '2026-03-02')).toBe(true);
  });
});
