/**
 * Einwilligungen of a case: recording one (purpose, day, form, limits) and withdrawing it on a
 * day. Typed values -> the input of consents:record / consents:withdraw, or German errors per field.
 */
import { z } from 'zod';
import { parseGermanDate } from '../../../../shared/domain/common/german-date';
import { consentSchema, type Consent } from '../../../../shared/domain/case/consent';
import type { FormCheck } from '../../forms/ipc-form';

/** What the form holds: the consent's fields as typed ('' = not chosen). */
export type ConsentFormValues = Record<keyof Pick<Consent, 'purpose' | 'givenOn' | 'form' | 'scope'>, string>;

const { purpose, form, scope } = consentSchema.shape;
const typed = z.object({ purpose, form, scope });

export function checkConsentForm(
  v: ConsentFormValues,
): FormCheck<Pick<Consent, 'purpose' | 'givenOn' | 'form' | 'scope'>> {
  const errors: Record<string, string> = {};
  const day = parseGermanDate(v.givenOn);
  if (!day.ok) errors['givenOn'] = day.message;
  const parsed = typed.safeParse({
    purpose: v.purpose || undefined,
    form: v.form || undefined,
    scope: v.scope.trim() === '' ? null : v.scope,
  });
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      errors[key] ??= issue.message;
    }
  if (Object.keys(errors).length > 0 || !parsed.success || !day.ok) return { ok: false, errors };
  return { ok: true, values: { ...parsed.data, givenOn: day.value } };
}

/** The day of a withdrawal, as typed. */
export interface ConsentWithdrawalValues {
  readonly withdrawnOn: string;
}

export function checkConsentWithdrawal(v: ConsentWithdrawalValues): FormCheck<{ withdrawnOn: string }> {
  const day = parseGermanDate(v.withdrawnOn);
  return day.ok
    ? { ok: true, values: { withdrawnOn: day.value } }
    : { ok: false, errors: { withdrawnOn: day.message } };
}
