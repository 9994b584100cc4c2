import { describe, expect, it } from 'vitest';
import { checkConsentForm, checkConsentWithdrawal } from './consent-form';

describe('recording a consent', () => {
  it('turns the typed values into the input of consents:record', () => {
    expect(
      checkConsentForm({
        purpose: 'provider_data_sharing',
        givenOn: '02.03.2026',
        form: 'schriftlich',
        scope: '  nur Bildungsträger Torgau ',
      }),
    ).toEqual({
      ok: true,
      values: {
        purpose: 'provider_data_sharing',
        givenOn: '2026-03-02',
        form: 'schriftlich',
        scope: 'nur Bildungsträger Torgau',
      },
    });
    expect(
      checkConsentForm({ purpose: 'email_contact', givenOn: '02.03.2026', form: 'elektronisch', scope: ' ' }),
    ).toMatchObject({ ok: true, values: { scope: null } });
  });

  it('names every missing or wrong field in German', () => {
    const r = checkConsentForm({ purpose: '', givenOn: '30.02.2026', form: '', scope: 'x'.repeat(501) });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      purpose: 'Bitte den Zweck der Einwilligung wählen.',
      form: 'Bitte die Form der Einwilligung wählen.',
      givenOn: expect.stringMatching(/Februar/),
      scope: 'Die Einschränkung ist zu lang (höchstens 500 Zeichen).',
    });
  });
});

describe('withdrawing a consent', () => {
  it('needs the day of the withdrawal', () => {
    expect(checkConsentWithdrawal({ withdrawnOn: '05.03.2026' })).toEqual({
      ok: true,
      values: { withdrawnOn: '2026-03-05' },
    });
    expect(checkConsentWithdrawal({ withdrawnOn: '' })).toEqual({
      ok: false,
      errors: { withdrawnOn: 'Bitte ein Datum angeben (TT.MM.JJJJ).' },
    });
  });
});
