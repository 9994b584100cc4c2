import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ERROR_MESSAGES } from '../../../shared/errors';
import { ApiError } from '../api/client';
import { applyIpcError, formAlertText, hasPath, placeIssues, zodValidate } from './ipc-form';

const GENERIC = ERROR_MESSAGES.VALIDATION_FAILED;

function fakeForm(values: unknown) {
  const state = { errors: {} as Record<string, string> };
  return {
    state,
    getValues: () => values,
    setErrors: (errors: Record<string, string>) => {
      state.errors = errors;
    },
  };
}

describe('placeIssues', () => {
  it('puts issues on the fields the form has and keeps the others', () => {
    const placement = placeIssues(
      [
        { path: 'title', message: 'Bitte einen Titel angeben.' },
        { path: 'title', message: 'Höchstens 200 Zeichen.' },
        { path: 'caseId', message: 'Die Kennung darf nur Buchstaben, Ziffern, - und _ enthalten.' },
        { path: '', message: 'Das Ende liegt vor dem Anfang.' },
      ],
      (p) => p === 'title',
    );
    expect(placement.fieldErrors).toEqual({ title: 'Bitte einen Titel angeben.' });
    expect(placement.unplaced).toEqual([
      'Die Kennung darf nur Buchstaben, Ziffern, - und _ enthalten.',
      'Das Ende liegt vor dem Anfang.',
    ]);
  });

  it('renames paths of the IPC input to form paths', () => {
    const placement = placeIssues([{ path: 'passphrase', message: 'zu kurz' }], (p) => p === 'next', {
      passphrase: 'next',
    });
    expect(placement).toEqual({ fieldErrors: { next: 'zu kurz' }, unplaced: [] });
  });
});

describe('formAlertText', () => {
  it('never shows the generic text when no field is marked', () => {
    expect(formAlertText(GENERIC, { fieldErrors: {}, unplaced: ['Der Suchbegriff ist zu lang.'] })).toBe(
      'Der Suchbegriff ist zu lang.',
    );
    expect(formAlertText(GENERIC, { fieldErrors: {}, unplaced: [] })).toBe('Die Eingaben sind nicht gültig.');
  });

  it('points to the marked fields, and passes specific messages through', () => {
    expect(formAlertText(GENERIC, { fieldErrors: { a: 'x' }, unplaced: [] })).toBe(
      'Bitte prüfen Sie das markierte Feld.',
    );
    expect(formAlertText(GENERIC, { fieldErrors: { a: 'x', b: 'y' }, unplaced: [] })).toBe(
      'Bitte prüfen Sie die markierten Felder.',
    );
    expect(formAlertText('Die Passphrase ist nicht korrekt.', { fieldErrors: {}, unplaced: [] })).toBe(
      'Die Passphrase ist nicht korrekt.',
    );
  });

  it('a domain refusal keeps its message and adds the reasons no field shows', () => {
    const refusal = '„AGH“ kann nicht bis zum 30.09.2026 verlängert werden.';
    const reason = '§ 16d Abs. 6 SGB II erlaubt höchstens 24 Monate.';
    expect(formAlertText(refusal, { fieldErrors: { plannedEnd: 'x' }, unplaced: [reason, refusal] })).toBe(
      `${refusal} ${reason}`,
    );
  });
});

describe('hasPath', () => {
  it('follows dots through objects and list indexes', () => {
    const values = { title: '', needs: [{ focus: true }] };
    expect(hasPath(values, 'title')).toBe(true);
    expect(hasPath(values, 'needs.0.focus')).toBe(true);
    expect(hasPath(values, 'needs.1.focus')).toBe(false);
    expect(hasPath(values, 'constructor')).toBe(false);
    expect(hasPath(values, 'title.length')).toBe(false);
  });
});

describe('applyIpcError', () => {
  it('marks fields and returns the concrete text for the rest', () => {
    const form = fakeForm({ title: 'x' });
    const error = new ApiError({
      code: 'VALIDATION_FAILED',
      message: GENERIC,
      issues: [
        { path: 'title', message: 'Höchstens 200 Zeichen.' },
        { path: 'caseId', message: 'Die Kennung ist ungültig.' },
      ],
    });
    expect(applyIpcError(form, error, 'Nicht gespeichert.')).toBe('Die Kennung ist ungültig.');
    expect(form.state.errors).toEqual({ title: 'Höchstens 200 Zeichen.' });
  });

  it('keeps domain messages and hides anything that is not an ApiError', () => {
    const form = fakeForm({ next: '' });
    const weak = new ApiError({
      code: 'VAULT_PASSPHRASE_TOO_WEAK',
      message: ERROR_MESSAGES.VAULT_PASSPHRASE_TOO_WEAK,
      issues: [{ path: 'passphrase', message: 'Mindestens 12 Zeichen (noch 4).' }],
    });
    expect(applyIpcError(form, weak, 'x', { passphrase: 'next' })).toBe(
      ERROR_MESSAGES.VAULT_PASSPHRASE_TOO_WEAK,
    );
    expect(form.state.errors).toEqual({ next: 'Mindestens 12 Zeichen (noch 4).' });
    expect(applyIpcError(form, new TypeError('secret detail'), 'Nicht gespeichert.')).toBe(
      'Nicht gespeichert.',
    );
  });
});

describe('zodValidate', () => {
  it('gives the schema messages per form path', () => {
    const schema = z.object({
      title: z.string().min(1, { error: 'Bitte einen Titel angeben.' }),
      steps: z.array(z.object({ dueOn: z.string().min(1, { error: 'Bitte ein Datum angeben.' }) })),
    });
    expect(zodValidate(schema)({ title: '', steps: [{ dueOn: '' }] })).toEqual({
      title: 'Bitte einen Titel angeben.',
      'steps.0.dueOn': 'Bitte ein Datum angeben.',
    });
    expect(zodValidate(schema)({ title: 'Ziel', steps: [] })).toEqual({});
  });
});
