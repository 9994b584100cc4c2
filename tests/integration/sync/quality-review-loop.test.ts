/**
 * Issue 15 items 2 and 4, across two users through a real server (PGlite; PostgreSQL where
 * configured): the team lead draws a sample of a caseworker's cases and requests a correction;
 * the caseworker pulls, sees the task and completes it; the team lead confirms. A caseworker of
 * another team sees none of it; a team lead's change of case content is refused by the desktop
 * write service and by the server; the audits never reach a caseworker; every audit a team lead
 * pulls or pushes is in the server's audit log.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaseDigests } from '../../../src/main/features/cases/caseload';
import { createCasesService } from '../../../src/main/features/cases/cases.service';
import { createQualityDashboard } from '../../../src/main/features/quality/quality-dashboard.service';
import { createQualityReviewService } from '../../../src/main/features/quality/quality-review.service';
import { createCaseRecordsService } from '../../../src/main/features/case-records/case-records.service';
import type { Role } from '../../../src/shared/auth/roles';
import { drawSample } from '../../../src/shared/domain/quality/audit-sample';
import type { PushResponse } from '../../../src/shared/sync/protocol';
import { desktop, pullAll, pushAll } from '../../helpers/desktop-sync';
import { fixedClock, type TestDb } from '../../helpers/local-db';
import { SERVER_DIALECTS, skipReason } from '../../helpers/server-db';
import {
  createHarness,
  login,
  mutation,
  pullAll as pullRaw,
  pushBatch,
  type Harness,
  type Session,
} from '../server/harness';

const ids = { newId: () => randomUUID() };
const clock = fixedClock('2026-11-02T08:00:00.000Z', 1000);

for (const dialect of SERVER_DIALECTS) {
  describe.skipIf(skipReason(dialect))(`${dialect}: sampled case audit and corrections, two users`, () => {
    let h: Harness;
    let cw: Session;
    let other: Session;
    let lead: Session;
    const stores: TestDb[] = [];
    beforeAll(async () => {
      h = await createHarness(dialect);
      await h.reset();
      cw = await login(h, 'cw');
      other = await login(h, 'cwOtherTeam');
      lead = await login(h, 'lead');
    });
    afterAll(async () => {
      for (const t of stores) await t.destroy();
      await h?.close();
    });

    const open = async (s: Session) => {
      const t = await desktop(s);
      stores.push(t);
      return t;
    };
    const deps = (t: TestDb, s: Session, role: Role) => ({ db: t.db, clock, ids, actorId: s.userId, role });
    const review = (t: TestDb, s: Session, role: Role) =>
      createQualityReviewService({
        ...deps(t, s, role),
        quality: createQualityDashboard({
          db: () => t.db,
          userId: () => s.userId,
          role: () => role,
          now: () => clock.now(),
          digests: createCaseDigests(),
        }),
      });
    const newCase = (t: TestDb, s: Session, lastName: string) =>
      createCasesService(deps(t, s, 'caseworker')).createCase({
        officeId: 'oschatz',
        caseworkerId: s.userId,
        openedOn: '2026-10-01',
        person: { customerNumber: '123D456789', firstName: 'Anna', lastName, birthDate: '1990-05-17' },
      });
    const auditLog = async (action: string, userId: string) =>
      (await h.tdb.db
        .selectFrom('audit_log')
        .select(['action', 'case_id', 'entity', 'entity_id'])
        .where('action', '=', action)
        .where('user_id', '=', userId)
        .execute()) as {
        action: string;
        case_id: string | null;
        entity: string | null;
        entity_id: string | null;
      }[];
    const count = (t: TestDb, table: string) =>
      (t.raw.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

    it('plays the loop: sample, correction, completion, confirmation; other teams see nothing', async () => {
      // the caseworker's caseload, and a case of another team
      const laptop = await open(cw);
      const caseIds: string[] = [];
      for (const name of ['Albers', 'Brandt', 'Claus', 'Dietz'])
        caseIds.push((await newCase(laptop, cw, name)).caseId);
      const { noteId } = await createCasesService(deps(laptop, cw, 'caseworker')).addNote(caseIds[0]!, {
        category: 'Gesundheit',
        title: 'Arztbesuch',
        body: 'Vertraulich: Befund MARKER-7731',
      });
      await pushAll(h, cw, laptop);
      const elsewhere = await open(other);
      await newCase(elsewhere, other, 'Ernst');
      await pushAll(h, other, elsewhere);

      // the team lead pulls the team's cases (read-only) and draws a reproducible sample
      const office = await open(lead);
      await pullAll(h, lead, office);
      expect(count(office, 'cases')).toBe(4);
      expect(count(office, 'notes')).toBe(0); // the health note is withheld from the team lead
      const tl = review(office, lead, 'team_lead');
      const sample = await tl.drawSample({ caseworkerId: cw.userId, size: 2, method: 'zufall', seed: 4711 });
      expect(sample).toMatchObject({ seed: 4711, method: 'zufall', sampleSize: 2, populationCount: 4 });
      expect(sample.drawnCaseIds).toEqual(
        drawSample({ caseIds: [...caseIds].reverse(), size: 2, method: 'zufall', seed: 4711 }).caseIds,
      );
      expect(sample.audits.map((a) => a.caseId)).toEqual(sample.drawnCaseIds);
      await expect(
        tl.drawSample({ caseworkerId: cw.userId, size: 2, method: 'zufall', seed: 1 }),
      ).rejects.toMatchObject({ code: 'DOMAIN_RULE_VIOLATED' });
      const first = await tl.audit(sample.audits[0]!.auditId);
      expect(first.items.length).toBeGreaterThan(5);
      const ruleId = first.items[0]!.ruleId;
      await tl.saveAudit({
        auditId: first.id,
        judgements: { [ruleId]: 'nicht_erfuellt' },
        comment: 'Ziel fehlt.',
      });
      const task = await tl.requestCorrection({
        auditId: first.id,
        section: 'ziele',
        ruleId,
        text: 'Bitte das Ziel festhalten.',
        dueOn: '2026-11-30',
      });
      expect(task).toMatchObject({ status: 'angefordert', caseId: first.caseId, caseworkerId: cw.userId });
      const pushed = (await pushAll(h, lead, office)).flatMap((r) => r.results);
      expect(pushed.length).toBe(4); // two audits, one judgement, one task
      expect(pushed.every((r) => r.status === 'applied')).toBe(true);
      // every audit pushed is in the audit log
      const writes = await auditLog('write_applied', lead.userId);
      expect(writes.filter((w) => w.entity === 'case_audits').map((w) => w.entity_id)).toEqual(
        expect.arrayContaining(sample.audits.map((a) => a.auditId)),
      );

      // the caseworker pulls: the task is there, the audits are not
      await pullAll(h, cw, laptop);
      expect(count(laptop, 'case_audits')).toBe(0);
      const mine = review(laptop, cw, 'caseworker');
      const todo = await mine.corrections({ status: 'offen' });
      expect(todo.map((t) => t.id)).toEqual([task.id]);
      expect(todo[0]).toMatchObject({
        text: 'Bitte das Ziel festhalten.',
        section: 'ziele',
        dueOn: '2026-11-30',
      });
      // a caseworker cannot create audits or confirm tasks, on the desktop
      await expect(
        mine.drawSample({ caseworkerId: cw.userId, size: 1, method: 'zufall', seed: 1 }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(mine.reviewCorrection({ taskId: task.id, decision: 'bestaetigt' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      const completed = await mine.completeCorrection({ taskId: task.id, note: 'Ziel nachgetragen.' });
      expect(completed.status).toBe('erledigt');
      expect((await mine.corrections({ status: 'offen' })).length).toBe(0);
      const cwPushed = (await pushAll(h, cw, laptop)).flatMap((r) => r.results);
      expect(cwPushed.map((r) => r.status)).toEqual(['applied']);

      // the team lead pulls and confirms; the whole history stays
      await pullAll(h, lead, office);
      const toConfirm = await tl.corrections({ status: 'erledigt' });
      expect(toConfirm.map((t) => t.id)).toEqual([task.id]);
      expect(toConfirm[0]!.completionNote).toBe('Ziel nachgetragen.');
      await expect(mine.completeCorrection({ taskId: task.id, note: 'nochmal' })).rejects.toMatchObject({
        code: 'INVALID_TRANSITION',
      });
      const confirmed = await tl.reviewCorrection({ taskId: task.id, decision: 'bestaetigt' });
      expect(confirmed.history.map((e) => [e.status, e.by])).toEqual([
        ['angefordert', lead.userId],
        ['erledigt', cw.userId],
        ['bestaetigt', lead.userId],
      ]);
      expect((await pushAll(h, lead, office)).flatMap((r) => r.results).map((r) => r.status)).toEqual([
        'applied',
      ]);
      await pullAll(h, cw, laptop);
      expect((await mine.corrections({ status: 'alle' }))[0]).toMatchObject({ status: 'bestaetigt' });
      expect((await mine.corrections({ status: 'alle' }))[0]!.history).toHaveLength(3);

      // the audits the team lead pulled are in the audit log; a fresh team lead desktop, too
      const freshLead = await login(h, 'lead');
      const fresh = await open(freshLead);
      await pullAll(h, lead, fresh);
      expect(count(fresh, 'case_audits')).toBe(2);
      const reads = await auditLog('read_case_audit', lead.userId);
      expect(new Set(reads.map((r) => r.entity_id))).toEqual(new Set(sample.audits.map((a) => a.auditId)));
      expect(reads.every((r) => r.entity === 'case_audits' && caseIds.includes(r.case_id!))).toBe(true);

      // two devices of the team lead change the same comment: the conflict record stays with
      // team leads, like the audit itself
      const second = sample.audits[1]!;
      const [l1, l2] = [freshLead, await login(h, 'lead')]; // the account's third device
      const comment = (s: Session, text: string) =>
        pushBatch(h, s, [
          mutation(s, {
            entity: 'case_audits',
            entityId: second.auditId,
            caseId: second.caseId,
            fields: { comment: text },
            bases: { comment: 1 },
            baseRowVersion: 1,
          }),
        ]);
      expect((await comment(l1, 'Gut dokumentiert.')).json<PushResponse>().results[0]!.status).toBe(
        'applied',
      );
      expect((await comment(l2, 'Kontakt fehlt.')).json<PushResponse>().results[0]!.status).toBe('conflict');
      const auditConflicts = async (s: Session) =>
        (await pullRaw(h, s)).changes.filter(
          (c) => c.entity === 'sync_conflicts' && c.row['entity'] === 'case_audits',
        );
      expect(await auditConflicts(lead)).toHaveLength(1);
      expect(await auditConflicts(cw)).toEqual([]);

      // a caseworker of another team sees none of it
      await pullAll(h, other, elsewhere);
      expect(count(elsewhere, 'correction_tasks')).toBe(0);
      expect(count(elsewhere, 'case_audits')).toBe(0);
      expect(await review(elsewhere, other, 'caseworker').corrections({ status: 'alle' })).toEqual([]);

      // the audits never hold the restricted note's text
      const server = await h.tdb.db
        .selectFrom('sync_records')
        .select('data')
        .where('entity', 'in', ['case_audits', 'correction_tasks'])
        .execute();
      expect(JSON.stringify(server)).not.toContain('MARKER-7731');
      expect(noteId).toBeTruthy();
    });

    it("refuses a team lead's change of case content on the desktop and on the server", async () => {
      // an empty server with new devices (each desktop has its own client id and outbox sequence)
      await h.reset();
      cw = await login(h, 'cw');
      lead = await login(h, 'lead');
      other = await login(h, 'cwOtherTeam');
      const laptop = await open(cw);
      const { caseId, noteId } = await (async () => {
        const c = await newCase(laptop, cw, 'Fuchs');
        const n = await createCasesService(deps(laptop, cw, 'caseworker')).addNote(c.caseId, {
          category: 'Beratung',
          title: 'Erstgespräch',
          body: 'Gespräch geführt.',
        });
        return { caseId: c.caseId, noteId: n.noteId };
      })();
      cw.seq = (await pushAll(h, cw, laptop)).at(-1)!.ackedThroughSeq;
      const office = await open(lead);
      await pullAll(h, lead, office);

      // desktop: every write service refuses the team lead (one gate in the service kit)
      const asLead = deps(office, lead, 'team_lead');
      await expect(
        createCasesService(asLead).updateNote(noteId, { body: 'Geändert von der Teamleitung' }),
      ).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: 'Als Teamleitung können Sie Fallinhalte nur lesen.',
      });
      await expect(
        createCaseRecordsService(asLead).addContact(caseId, {
          occurredAt: '2026-11-02T07:00:00.000Z',
          channel: 'telefon',
          subject: 'Rückruf',
          reached: true,
        }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(count(office, 'sync_outbox')).toBe(0);

      // server: a team lead's push of a note edit is refused, nothing changes
      const res = await pushBatch(h, lead, [
        mutation(lead, {
          entity: 'notes',
          entityId: noteId,
          caseId,
          fields: { body: 'Geändert' },
          bases: { body: 1 },
        }),
      ]);
      expect(res.statusCode).toBe(403);
      expect(res.json<{ error: { code: string; message: string } }>().error).toMatchObject({
        code: 'FORBIDDEN',
        message: 'Als Teamleitung können Sie Fallinhalte nur lesen.',
      });
      lead.seq -= 1;
      const note = await h.tdb.db
        .selectFrom('sync_records')
        .select('data')
        .where('entity', '=', 'notes')
        .where('id', '=', noteId)
        .executeTakeFirstOrThrow();
      expect((note.data as { body: string }).body).toBe('Gespräch geführt.');

      // server: a caseworker cannot create an audit, request or confirm a task
      for (const m of [
        mutation(cw, { entity: 'case_audits', entityId: randomUUID(), caseId, op: 'create' }),
        mutation(cw, { entity: 'correction_tasks', entityId: randomUUID(), caseId, op: 'create' }),
        mutation(cw, {
          entity: 'correction_tasks',
          entityId: randomUUID(),
          caseId,
          fields: { status: 'bestaetigt' },
        }),
      ]) {
        const refused = await pushBatch(h, cw, [m]);
        expect(refused.statusCode, m.entity).toBe(403);
        cw.seq -= 1;
      }

      // server: a team lead of another team cannot write review records for the case
      // (osz-a's lead writes for osz-a only: a case of team B is outside the scope)
      const teamB = await open(other);
      const b = await newCase(teamB, other, 'Graf');
      await pushAll(h, other, teamB);
      const outside = await pushBatch(h, lead, [
        mutation(lead, {
          entity: 'correction_tasks',
          entityId: randomUUID(),
          caseId: b.caseId,
          op: 'create',
          fields: {
            requestedBy: lead.userId,
            history: [{ status: 'angefordert', at: '2026-11-02T09:00:00.000Z', by: lead.userId, note: null }],
          },
        }),
      ]);
      expect(outside.statusCode).toBe(403);
      lead.seq -= 1;

      // server: a new task must point at a stored audit of the same case and its caseworker
      const auditId = randomUUID();
      const audited = await pushBatch(h, lead, [
        mutation(lead, {
          entity: 'case_audits',
          entityId: auditId,
          caseId,
          op: 'create',
          fields: { teamLeadId: lead.userId, caseworkerId: cw.userId, drawnCaseIds: [caseId] },
        }),
      ]);
      expect(audited.json<PushResponse>().results.map((r) => r.status)).toEqual(['applied']);
      const task = (fields: Record<string, unknown>, where: { caseId?: string; entityId?: string } = {}) =>
        mutation(lead, {
          entity: 'correction_tasks',
          entityId: where.entityId ?? randomUUID(),
          caseId: where.caseId ?? caseId,
          op: 'create',
          fields: {
            auditId,
            caseworkerId: cw.userId,
            requestedBy: lead.userId,
            history: [{ status: 'angefordert', at: '2026-11-02T09:00:00.000Z', by: lead.userId, note: null }],
            ...fields,
          },
        });
      const links = await pushBatch(h, lead, [
        task({ auditId: randomUUID() }),
        task({ caseworkerId: other.userId }),
        task({ ruleId: 'gibt-es-nicht' }),
        task({ ruleId: 'goalSet' }),
      ]);
      expect(links.json<PushResponse>().results.map((r) => [r.status, r.reason])).toEqual([
        ['rejected', 'DOMAIN_RULE_VIOLATED'],
        ['rejected', 'DOMAIN_RULE_VIOLATED'],
        ['rejected', 'DOMAIN_RULE_VIOLATED'],
        ['applied', null],
      ]);
      // ... and only in the audited case
      const second = await newCase(laptop, cw, 'Lang');
      cw.seq = (await pushAll(h, cw, laptop)).at(-1)!.ackedThroughSeq;
      const elsewhere = await pushBatch(h, lead, [task({}, { caseId: second.caseId })]);
      expect(elsewhere.json<PushResponse>().results.map((r) => [r.status, r.reason])).toEqual([
        ['rejected', 'DOMAIN_RULE_VIOLATED'],
      ]);

      // server: the status machine per mutation: a team lead cannot confirm a task not done yet
      const taskId = randomUUID();
      const requested = await pushBatch(h, lead, [
        task({}, { entityId: taskId }),
        mutation(lead, {
          entity: 'correction_tasks',
          entityId: taskId,
          caseId,
          fields: {
            status: 'bestaetigt',
            history: [
              { status: 'angefordert', at: '2026-11-02T09:00:00.000Z', by: lead.userId, note: null },
              { status: 'bestaetigt', at: '2026-11-02T09:01:00.000Z', by: lead.userId, note: null },
            ],
          },
          bases: { status: 1, history: 1 },
        }),
      ]);
      expect(requested.statusCode).toBe(200);
      expect(requested.json<PushResponse>().results.map((r) => [r.status, r.reason])).toEqual([
        ['applied', null],
        ['rejected', 'INVALID_TRANSITION'],
      ]);
    });
  });
}
