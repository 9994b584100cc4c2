import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tableRows } from '../../helpers/local-db';
import { createWriteBackend, type WriteBackend } from '../../helpers/write-backend';

let b: WriteBackend;
beforeEach(async () => {
  b = await createWriteBackend();
});
afterEach(async () => {
  await b.t.destroy();
});

const outbox = () => tableRows(b.t.raw, 'sync_outbox', 'seq');

describe('case write channels', () => {
  it('creates a case and changes it along the status machine, returning the stored record', async () => {
    const { caseId, personId, caseNumber } = await b.newCase();
    expect(caseNumber).toMatch(/^TO-2026-V/);
    const updated = await b.call('cases:update', { caseId, changes: { status: 'ruhend' } });
    expect(updated).toMatchObject({ id: caseId, status: 'ruhend', rowVersion: 0 });
    const refused = await b.refused('cases:update', { caseId, changes: { phase: 4 } });
    expect(refused.code).toBe('INVALID_TRANSITION');
    expect(refused.message).toContain('Phase');
    // lastContactOn is derived, never set by hand
    expect((await b.refused('cases:update', { caseId, changes: { lastContactOn: '2026-01-01' } })).code).toBe(
      'VALIDATION_FAILED',
    );
    const person = await b.call('persons:update', { personId, changes: { town: 'Torgau' } });
    expect(person).toMatchObject({ id: personId, town: 'Torgau', firstName: 'Käthe' });
    expect((await b.refused('persons:update', { personId: 'nope', changes: { town: 'X' } })).code).toBe(
      'NOT_FOUND',
    );
  });

  it('writes, edits and archives notes; a health note is always restricted', async () => {
    const { caseId } = await b.newCase();
    const note = await b.call('notes:create', {
      caseId,
      values: { category: 'Gesundheit', title: 'Gutachten', body: 'Teil A liegt vor.' },
    });
    expect(note).toMatchObject({ caseId, restricted: true, authorId: 'ifk-7' });
    const edited = await b.call('notes:update', { noteId: note.id, changes: { body: 'Teil A und B.' } });
    expect(edited.body).toBe('Teil A und B.');
    expect(await b.call('notes:archive', { noteId: note.id })).toEqual({ id: note.id });
    expect((await b.refused('notes:update', { noteId: note.id, changes: { body: 'x' } })).code).toBe(
      'NOT_FOUND',
    );
    expect(
      (
        await b.refused('notes:create', {
          caseId: 'unknown',
          values: { category: 'Sonstiges', title: 'a', body: 'b' },
        })
      ).code,
    ).toBe('NOT_FOUND');
  });

  it('an attended appointment moves the last contact forward', async () => {
    const { caseId } = await b.newCase();
    const appointment = await b.call('appointments:create', {
      caseId,
      values: { startsAt: '2026-02-20T09:00:00+01:00', durationMinutes: 30, kind: 'beratung' },
    });
    expect(appointment.status).toBe('geplant');
    const attended = await b.call('appointments:update', {
      appointmentId: appointment.id,
      changes: { status: 'wahrgenommen' },
    });
    expect(attended.status).toBe('wahrgenommen');
    expect((await b.cases.getCase(caseId)).case.lastContactOn).toBe('2026-02-20');
    // a partial update changes only what it names (no defaults filled in for the rest)
    const longer = await b.call('appointments:update', {
      appointmentId: appointment.id,
      changes: { durationMinutes: 45 },
    });
    expect(longer).toMatchObject({ status: 'wahrgenommen', durationMinutes: 45 });
    const refused = await b.refused('appointments:update', {
      appointmentId: appointment.id,
      changes: { status: 'abgesagt' },
    });
    expect(refused.code).toBe('INVALID_TRANSITION');
  });
});

describe('contacts:create', () => {
  it('records a contact; a reached person moves the last contact forward, an attempt does not', async () => {
    const { caseId } = await b.newCase();
    const attempt = await b.call('contacts:create', {
      caseId,
      values: {
        occurredAt: '2026-02-25T10:00:00+01:00',
        channel: 'telefon',
        subject: 'Rückruf',
        reached: false,
      },
    });
    expect(attempt).toMatchObject({ reached: false, recordedBy: 'ifk-7', direction: 'outbound' });
    expect((await b.cases.getCase(caseId)).case.lastContactOn).toBeNull();
    await b.call('contacts:create', {
      caseId,
      values: { occurredAt: '2026-02-26T23:30:00+00:00', channel: 'telefon', subject: 'Rückruf' },
    });
    // the offices' day (Berlin), not UTC
    expect((await b.cases.getCase(caseId)).case.lastContactOn).toBe('2026-02-27');
    await b.call('contacts:create', {
      caseId,
      values: { occurredAt: '2026-02-10T10:00:00+01:00', channel: 'brief', subject: 'Einladung' },
    });
    expect((await b.cases.getCase(caseId)).case.lastContactOn).toBe('2026-02-27');
    const last = outbox().at(-1);
    expect(last?.['entity']).toBe('contacts');
  });

  it('refuses a contact in the future and an appointment of another case', async () => {
    const { caseId } = await b.newCase();
    const other = await b.newCase();
    const future = await b.refused('contacts:create', {
      caseId,
      values: { occurredAt: '2027-01-01T10:00:00+01:00', channel: 'telefon', subject: 'x' },
    });
    expect(future).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(future.issues?.[0]?.message).toContain('Zukunft');
    const appointment = await b.call('appointments:create', {
      caseId: other.caseId,
      values: { startsAt: '2026-02-20T09:00:00+01:00', durationMinutes: 30, kind: 'beratung' },
    });
    const foreign = await b.refused('contacts:create', {
      caseId,
      values: {
        occurredAt: '2026-02-20T09:00:00+01:00',
        channel: 'persoenlich',
        subject: 'Termin',
        appointmentId: appointment.id,
      },
    });
    expect(foreign.issues?.[0]).toMatchObject({ path: 'appointmentId' });
    const before = outbox().length;
    expect(outbox()).toHaveLength(before);
  });
});

describe('consents', () => {
  it('records and withdraws a consent once; the record stays', async () => {
    const { caseId } = await b.newCase();
    const consent = await b.call('consents:record', {
      caseId,
      values: { purpose: 'email_contact', givenOn: '2026-02-01', form: 'schriftlich' },
    });
    expect(consent).toMatchObject({ withdrawnOn: null, recordedBy: 'ifk-7', scope: null });
    const withdrawn = await b.call('consents:withdraw', { consentId: consent.id, withdrawnOn: '2026-03-01' });
    expect(withdrawn.withdrawnOn).toBe('2026-03-01');
    const again = await b.refused('consents:withdraw', { consentId: consent.id, withdrawnOn: '2026-03-02' });
    expect(again.code).toBe('DOMAIN_RULE_VIOLATED');
    expect(again.message).toContain('bereits am 01.03.2026 widerrufen');
  });

  it('lists a case’s consents: in force first, newest given first, the withdrawn ones after them', async () => {
    const { caseId } = await b.newCase();
    const other = await b.newCase();
    const record = (purpose: string, givenOn: string) =>
      b.call('consents:record', { caseId, values: { purpose, givenOn, form: 'schriftlich' } } as never);
    const email = await record('email_contact', '2026-01-10');
    const provider = await record('provider_data_sharing', '2026-02-01');
    const translation = await record('translation_companion', '2026-01-20');
    await b.call('consents:record', {
      caseId: other.caseId,
      values: { purpose: 'email_contact', givenOn: '2026-01-05', form: 'elektronisch' },
    });
    await b.call('consents:withdraw', { consentId: provider.id, withdrawnOn: '2026-02-20' });
    const listed = await b.call('consents:list', { caseId });
    expect(listed.map((c) => [c.id, c.withdrawnOn])).toEqual([
      [translation.id, null],
      [email.id, null],
      [provider.id, '2026-02-20'],
    ]);
    expect((await b.refused('consents:list', { caseId: 'gibt-es-nicht' })).code).toBe('NOT_FOUND');
  });

  it('refuses consents in the future and a withdrawal before the consent', async () => {
    const { caseId } = await b.newCase();
    expect(
      (
        await b.refused('consents:record', {
          caseId,
          values: { purpose: 'email_contact', givenOn: '2026-12-01', form: 'schriftlich' },
        })
      ).code,
    ).toBe('VALIDATION_FAILED');
    const consent = await b.call('consents:record', {
      caseId,
      values: {
        purpose: 'provider_data_sharing',
        givenOn: '2026-02-15',
        form: 'elektronisch',
        scope: 'nur Träger A',
      },
    });
    const early = await b.refused('consents:withdraw', { consentId: consent.id, withdrawnOn: '2026-02-01' });
    expect(early.code).toBe('VALIDATION_FAILED');
    expect(early.message).toContain('Widerruf');
    const future = await b.refused('consents:withdraw', { consentId: consent.id, withdrawnOn: '2026-04-01' });
    expect(future.issues?.[0]?.message).toContain('Zukunft');
  });
});
