/**
 * Child process for outreach-day.test.ts: one desktop (the real sync engine on the real encrypted
 * store, real fetch against the test's server on 127.0.0.1) doing one step of the outreach-day
 * story, then printing `done <json>`. Environment:
 *
 *   LOTSE_TEST_KEY_HEX, LOTSE_BASE_URL, LOTSE_USERNAME, LOTSE_PASSWORD, LOTSE_CLIENT_ID, LOTSE_CLOCK_MS
 *   LOTSE_STEP     prepare | pull | office-edits | outreach-offline | sync
 *   LOTSE_INPUT    JSON with what an earlier step reported (case and record ids)
 */
import { randomUUID } from 'node:crypto';
import { createCasesService } from '../../src/main/features/cases/cases.service';
import { createOutreachService } from '../../src/main/features/outreach/outreach.service';
import { createChromiumPdfRenderer } from '../../src/main/features/plans/print/chromium-pdf-renderer';
import { storeLease } from '../../src/main/features/sync/offline-lease';
import { SyncEngine } from '../../src/main/features/sync/sync-engine';
import { SyncHttp, type FetchLike } from '../../src/main/features/sync/sync-http';
import { childAuth, childSetup, env, openChildStore, runChildMain } from '../helpers/child-desktop';

const { path, key, baseUrl, clientId, clock } = childSetup();
const step = env('LOTSE_STEP');
const input = JSON.parse(process.env['LOTSE_INPUT'] ?? '{}') as Record<string, string>;

/** The network of the JVA: every request fails as without a connection. */
const offlineFetch: FetchLike = async () => {
  throw new TypeError('fetch failed');
};
const onlineFetch: FetchLike = (url, init) => fetch(url, init);

async function main(): Promise<void> {
  const { raw, db } = await openChildStore(path, key, clientId);
  const ids = { newId: () => randomUUID() };
  const fetcher = step === 'outreach-offline' ? offlineFetch : onlineFetch;
  const auth = childAuth(baseUrl, fetcher, clientId);
  const actorId = env('LOTSE_ACTOR');
  const engine = new SyncEngine({
    store: { db: () => db, raw: () => raw },
    http: new SyncHttp(baseUrl, fetcher, auth),
    clock,
    random: () => 0.5,
    appVersion: '0.1.0-test',
    ids,
    actorId,
    poke: false,
    onLease: async (lease) => {
      await storeLease(db, clientId, lease);
    },
  });
  const pdf = createChromiumPdfRenderer();
  const cases = createCasesService({ db, clock, ids, actorId });
  const outreach = createOutreachService({ db, clock, ids, actorId, pdf, sync: engine });
  const out: Record<string, unknown> = { step };

  if (step === 'prepare') {
    // the office day before: three people to see in the JVA, each a case with a JVA appointment
    const created = [];
    for (const [firstName, lastName] of [
      ['Kevin', 'Xander'],
      ['Lara', 'Ypsilon'],
      ['Mehmet', 'Zorlu'],
    ] as const) {
      created.push(
        await cases.createCase({
          officeId: 'oschatz',
          caseworkerId: actorId,
          openedOn: '2026-03-02',
          person: {
            customerNumber: '123D45678',
            firstName,
            lastName,
            birthDate: '1990-04-01',
            phone: '0341 000',
          },
        }),
      );
    }
    const appointmentIds = [];
    for (const [i, c] of created.entries()) {
      const { appointmentId } = await cases.addAppointment(c.caseId, {
        startsAt: `2026-03-04T${String(8 + i).padStart(2, '0')}:00:00+01:00`,
        durationMinutes: 45,
        kind: 'jva',
        location: 'JVA Torgau',
        subject: 'Sprechtag: Übergang nach der Haft',
      });
      appointmentIds.push(appointmentId);
    }
    const { noteId } = await cases.addNote(created[0]!.caseId, {
      category: 'Beratung',
      title: 'Vorbereitung Sprechtag',
      body: 'Erstgespräch in der JVA vereinbart.',
    });
    out['before'] = await outreach.readiness({ day: '2026-03-04', appointmentIds });
    out['status'] = await engine.syncNow();
    out['after'] = await outreach.readiness({ day: '2026-03-04', appointmentIds });
    out['caseX'] = created[0]!.caseId;
    out['personX'] = created[0]!.personId;
    out['noteX'] = noteId;
    out['appointmentIds'] = appointmentIds;
  } else if (step === 'office-edits') {
    // the colleague in the office, online: the same phone number and note, and a person already known
    await engine.syncNow();
    const note = (
      await db
        .selectFrom('notes')
        .select(['body'])
        .where('id', '=', input['noteX']!)
        .executeTakeFirstOrThrow()
    ).body;
    await cases.updateNote(input['noteX']!, { body: `Telefonisch an den Termin erinnert.\n\n${note}` });
    await cases.updatePerson(input['personX']!, { phone: '0341 2222222' });
    const known = await cases.createCase({
      officeId: 'oschatz',
      caseworkerId: actorId,
      openedOn: '2026-03-02',
      person: {
        customerNumber: '987D65432',
        firstName: 'Jürgen',
        lastName: 'Müller',
        birthDate: '1985-03-12',
      },
    });
    out['knownCase'] = known.caseId;
    out['status'] = await engine.syncNow();
  } else if (step === 'outreach-offline') {
    // in the JVA without network: a note, a phone number, a pre-release contact with consent
    const note = (
      await db
        .selectFrom('notes')
        .select(['body'])
        .where('id', '=', input['noteX']!)
        .executeTakeFirstOrThrow()
    ).body;
    await cases.updateNote(input['noteX']!, {
      body: `${note}\n\nIn der JVA: Bewerbungsunterlagen besprochen.`,
    });
    await cases.updatePerson(input['personX']!, { phone: '0171 1111111' });
    const contact = await outreach.createPreReleaseContact({
      officeId: 'oschatz',
      person: {
        firstName: 'Juergen',
        lastName: 'Mueller',
        birthDate: '1985-03-12',
        expectedReleaseDate: '2026-05-15',
      },
      consent: { givenOn: '2026-03-04', form: 'schriftlich' },
      contact: { occurredAt: '2026-03-04T10:30:00+01:00', subject: 'Erstkontakt vor der Entlassung' },
    });
    out['contact'] = contact;
    out['status'] = await engine.syncNow();
  } else {
    out['status'] = await engine.syncNow();
    out['duplicates'] = await outreach.duplicates({});
  }
  await engine.stop();
  await pdf.close();
  await db.destroy();
  process.stdout.write(`done ${JSON.stringify(out)}\n`);
}

runChildMain(main);
