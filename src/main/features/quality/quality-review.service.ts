/**
 * The sampled case audit on the desktop (issue 15 items 2 and 4). Team lead: draw a sample of a
 * caseworker's cases for a quarter (seed, method, size and the drawn cases recorded on every audit),
 * judge each drawn case along the rubric built from the quality rules, comment, request
 * corrections, confirm or reopen what the caseworker reported done. Caseworker: the open
 * correction tasks of the own caseload, reporting one done with a note.
 *
 * Who may write what is decided by the domain (case-review.ts), the same rules the server applies
 * to a push. Writes go through writeSynced, so audits and tasks sync like every other record.
 * The rubric stores only whether a rule found something (and how often), never the finding texts:
 * they may quote free text. A team lead's store never holds restricted notes (withheld by the server).
 */
import { sql, type RawBuilder } from 'kysely';
import type { Role } from '../../../shared/auth/roles';
import {
  buildRubric,
  drawSample,
  judgeRubric,
  quarterInBerlin,
  seedFromId,
  type Judgement,
} from '../../../shared/domain/quality/audit-sample';
import {
  caseAuditChangeProblem,
  correctionTaskChangeProblem,
  OPEN_CORRECTION_STATUSES,
  reviewWriteProblem,
  type CorrectionHistoryEntry,
  type CorrectionStatus,
  type ReviewProblem,
} from '../../../shared/domain/quality/case-review';
import { defaultQualityRules, type QualityRulesDocument } from '../../../shared/domain/quality/quality-rules';
import { caseAuditsEntity, correctionTasksEntity, fromRow } from '../../../shared/entities/index';
import { AppError } from '../../../shared/errors';
import type { z } from 'zod';
import type {
  CaseAuditDto,
  CorrectionListFilter,
  CorrectionTaskDto,
  DrawSampleInput,
  RequestCorrectionInput,
  SampleDto,
} from '../../../shared/ipc/quality-review-contract';
import type { Executor } from '../../db/kysely';
import { writeSynced, type WriteContext } from '../../db/write-synced';
import { serviceKit, type ServiceDeps } from '../common/service-kit';
import type { QualityDashboardReader } from './quality-dashboard.service';

export interface QualityReviewDeps extends ServiceDeps {
  /** The team's cases with their findings (the dashboard's reader, shared per-case cache). */
  readonly quality: Pick<QualityDashboardReader, 'cases'>;
  readonly rules?: () => QualityRulesDocument;
}

type Row = Record<string, unknown>;

function refuse(problem: ReviewProblem | null): void {
  if (problem) throw new AppError(problem.code, problem.message);
}

export function createQualityReviewService(deps: QualityReviewDeps) {
  const kit = serviceKit(deps);
  const rules = () => deps.rules?.() ?? defaultQualityRules;

  function requireRole(role: Role, message: string): void {
    if (kit.role() !== role) throw new AppError('FORBIDDEN', message);
  }
  const teamLeadOnly = () => requireRole('team_lead', 'Fallprüfungen sind der Teamleitung vorbehalten.');

  async function auditRows(db: Executor, where: { sampleId?: string; id?: string }) {
    const filter = where.id
      ? sql`a.id = ${where.id}`
      : where.sampleId
        ? sql`a.sample_id = ${where.sampleId}`
        : sql`1 = 1`;
    const { rows } = await sql<Row & { case_number: string | null }>`
      SELECT a.*, c.case_number AS case_number FROM case_audits a
        LEFT JOIN cases c ON c.id = a.case_id
       WHERE a.archived_at IS NULL AND ${filter}
       ORDER BY a.quarter DESC, a.sample_id, a.drawn_at, a.id`.execute(db);
    return rows;
  }

  async function taskRows(db: Executor, where: RawBuilder<unknown>) {
    const { rows } = await sql<
      Row & { case_number: string | null; first_name: string | null; last_name: string | null }
    >`
      SELECT t.*, c.case_number AS case_number, p.first_name AS first_name, p.last_name AS last_name
        FROM correction_tasks t
        LEFT JOIN cases c ON c.id = t.case_id
        LEFT JOIN persons p ON p.id = c.person_id
       WHERE t.archived_at IS NULL AND ${where}
       ORDER BY t.requested_at, t.id`.execute(db);
    return rows.map(taskDto);
  }

  function taskDto(
    r: Row & { case_number: string | null; first_name?: string | null; last_name?: string | null },
  ): CorrectionTaskDto {
    const t = fromRow(correctionTasksEntity, r);
    return {
      ...t,
      rowVersion: Number(r['row_version']),
      caseNumber: r.case_number ?? null,
      personName: r.first_name && r.last_name ? `${r.last_name}, ${r.first_name}` : null,
    };
  }

  async function auditDto(db: Executor, id: string): Promise<CaseAuditDto> {
    const [row] = await auditRows(db, { id });
    if (!row) throw new AppError('NOT_FOUND', 'Diese Fallprüfung gibt es auf diesem Gerät nicht.');
    const corrections = await taskRows(db, sql`t.audit_id = ${id}`);
    return {
      ...fromRow(caseAuditsEntity, row),
      rowVersion: Number(row['row_version']),
      caseNumber: row.case_number ?? null,
      corrections,
    };
  }

  async function taskById(db: Executor, id: string): Promise<CorrectionTaskDto> {
    const [task] = await taskRows(db, sql`t.id = ${id}`);
    if (!task) throw new AppError('NOT_FOUND', 'Diese Korrektur gibt es auf diesem Gerät nicht.');
    return task;
  }

  function summarize(rows: readonly Row[]): SampleDto[] {
    const samples = new Map<string, SampleDto>();
    for (const r of rows) {
      const a = fromRow(caseAuditsEntity, r);
      let s = samples.get(a.sampleId);
      if (!s) {
        s = {
          sampleId: a.sampleId,
          caseworkerId: a.caseworkerId,
          quarter: a.quarter,
          seed: a.seed,
          method: a.method,
          sampleSize: a.sampleSize,
          drawnCaseIds: a.drawnCaseIds,
          populationCount: a.populationCount,
          populationDigest: a.populationDigest,
          drawnAt: a.drawnAt,
          teamLeadId: a.teamLeadId,
          audits: [],
        };
        samples.set(a.sampleId, s);
      }
      s.audits.push({
        auditId: a.id,
        caseId: a.caseId,
        caseNumber: (r['case_number'] as string | null) ?? null,
        status: a.status,
        judged: a.items.filter((i) => i.judgement !== null).length,
        items: a.items.length,
        findings: a.items.filter((i) => i.found).length,
      });
    }
    // audits in the order of the draw
    for (const s of samples.values())
      s.audits.sort((x, y) => s.drawnCaseIds.indexOf(x.caseId) - s.drawnCaseIds.indexOf(y.caseId));
    return [...samples.values()];
  }

  /** Writes a task change after the domain's check (the same the server applies to the push). */
  async function changeTask(
    id: string,
    expectedRowVersion: number | undefined,
    change: (before: CorrectionTaskDto, ctx: WriteContext) => Record<string, unknown>,
  ): Promise<CorrectionTaskDto> {
    await kit.writeReview(async (trx, ctx) => {
      const before = await taskById(trx, id);
      if (expectedRowVersion !== undefined && before.rowVersion !== expectedRowVersion)
        throw new AppError('CONFLICT');
      const values = change(before, ctx);
      refuse(reviewWriteProblem(kit.role(), 'correction_tasks', 'update', Object.keys(values), values));
      refuse(correctionTaskChangeProblem(kit.role(), ctx.actorId, before, { ...before, ...values }));
      await writeSynced(trx, ctx, { entity: 'correction_tasks', op: 'update', id, values });
    });
    return taskById(kit.db(), id);
  }

  const entry = (
    status: CorrectionStatus,
    ctx: WriteContext,
    note: string | null,
  ): CorrectionHistoryEntry => ({
    status,
    at: ctx.clock.now().toISOString(),
    by: ctx.actorId,
    note,
  });

  return {
    /**
     * Draws the sample of a caseworker for a quarter from the open cases of the team in this store
     * and creates one case audit per drawn case. One sample per caseworker and quarter.
     */
    async drawSample(input: z.output<typeof DrawSampleInput>): Promise<SampleDto> {
      teamLeadOnly();
      const quarter = input.quarter ?? quarterInBerlin(kit.now());
      if (quarter > quarterInBerlin(kit.now()))
        throw new AppError(
          'VALIDATION_FAILED',
          'Eine Stichprobe für ein künftiges Quartal ist nicht möglich.',
        );
      const cases = await deps.quality.cases('team', { caseworkerId: input.caseworkerId });
      if (cases.length === 0)
        throw new AppError('DOMAIN_RULE_VIOLATED', 'Diese Fachkraft hat keine offenen Fälle im Team.');
      const seed = input.seed ?? seedFromId(kit.newId());
      const findingsByCase: Record<string, string[]> = {};
      for (const c of cases) findingsByCase[c.caseId] = c.findings.map((f) => f.ruleId);
      const draw = drawSample({
        caseIds: cases.map((c) => c.caseId),
        size: input.size,
        method: input.method,
        seed,
        findingsByCase,
      });
      const byId = new Map(cases.map((c) => [c.caseId, c]));
      const sampleId = kit.newId();
      await kit.writeReview(async (trx, ctx) => {
        const { rows } = await sql<{ n: number }>`
          SELECT COUNT(*) AS n FROM case_audits
           WHERE archived_at IS NULL AND caseworker_id = ${input.caseworkerId} AND quarter = ${quarter}`.execute(
          trx,
        );
        if (Number(rows[0]?.n ?? 0) > 0)
          throw new AppError(
            'DOMAIN_RULE_VIOLATED',
            'Für diese Fachkraft gibt es in diesem Quartal bereits eine Stichprobe.',
          );
        const drawnAt = ctx.clock.now().toISOString();
        for (const caseId of draw.caseIds) {
          const values = {
            sampleId,
            caseworkerId: input.caseworkerId,
            quarter,
            seed,
            method: input.method,
            sampleSize: input.size,
            drawnCaseIds: draw.caseIds,
            populationCount: draw.populationCount,
            populationDigest: draw.populationDigest,
            drawnAt,
            teamLeadId: ctx.actorId,
            items: buildRubric(byId.get(caseId)?.findings ?? [], rules()),
            comment: null,
            status: 'offen' as const,
            closedOn: null,
          };
          refuse(reviewWriteProblem(kit.role(), 'case_audits', 'create', Object.keys(values)));
          refuse(caseAuditChangeProblem(kit.role(), ctx.actorId, null, values));
          await writeSynced(trx, ctx, {
            entity: 'case_audits',
            op: 'create',
            id: kit.newId(),
            caseId,
            values,
          });
        }
      });
      const [sample] = summarize(await auditRows(kit.db(), { sampleId }));
      return sample!;
    },

    /** The samples in this store (newest quarter first), optionally of one caseworker or quarter. */
    async samples(filter: {
      caseworkerId?: string | undefined;
      quarter?: string | undefined;
    }): Promise<SampleDto[]> {
      teamLeadOnly();
      return summarize(await auditRows(kit.db(), {})).filter(
        (s) =>
          (filter.caseworkerId === undefined || s.caseworkerId === filter.caseworkerId) &&
          (filter.quarter === undefined || s.quarter === filter.quarter),
      );
    },

    async audit(auditId: string): Promise<CaseAuditDto> {
      teamLeadOnly();
      return auditDto(kit.db(), auditId);
    },

    /** Judgements per rubric item and the comment; `close` closes the audit (every item judged). */
    async saveAudit(input: {
      auditId: string;
      judgements: Record<string, Judgement | null>;
      comment?: string | null | undefined;
      close?: boolean | undefined;
      expectedRowVersion?: number | undefined;
    }): Promise<CaseAuditDto> {
      teamLeadOnly();
      await kit.writeReview(async (trx, ctx) => {
        const before = await auditDto(trx, input.auditId);
        if (input.expectedRowVersion !== undefined && before.rowVersion !== input.expectedRowVersion)
          throw new AppError('CONFLICT');
        if (before.status === 'abgeschlossen')
          throw new AppError('DOMAIN_RULE_VIOLATED', 'Eine abgeschlossene Fallprüfung bleibt unverändert.');
        let items;
        try {
          items = judgeRubric(before.items, input.judgements);
        } catch {
          throw new AppError('VALIDATION_FAILED', 'Diesen Prüfpunkt gibt es in dieser Fallprüfung nicht.');
        }
        const values: Record<string, unknown> = { items };
        if (input.comment !== undefined) values['comment'] = input.comment;
        if (input.close) {
          values['status'] = 'abgeschlossen';
          values['closedOn'] = kit.today();
        }
        refuse(reviewWriteProblem(kit.role(), 'case_audits', 'update', Object.keys(values)));
        refuse(caseAuditChangeProblem(kit.role(), ctx.actorId, before, { ...before, ...values }));
        await writeSynced(trx, ctx, { entity: 'case_audits', op: 'update', id: input.auditId, values });
      });
      return auditDto(kit.db(), input.auditId);
    },

    /** A correction the caseworker is asked for: a task in the case, linked to the audit. */
    async requestCorrection(input: z.output<typeof RequestCorrectionInput>): Promise<CorrectionTaskDto> {
      teamLeadOnly();
      const id = kit.newId();
      await kit.writeReview(async (trx, ctx) => {
        const audit = await auditDto(trx, input.auditId);
        if (input.ruleId && !audit.items.some((i) => i.ruleId === input.ruleId))
          throw new AppError('VALIDATION_FAILED', 'Diesen Prüfpunkt gibt es in dieser Fallprüfung nicht.');
        const values = {
          auditId: audit.id,
          section: input.section,
          ruleId: input.ruleId ?? null,
          text: input.text,
          dueOn: input.dueOn ?? null,
          caseworkerId: audit.caseworkerId,
          requestedBy: ctx.actorId,
          requestedAt: ctx.clock.now().toISOString(),
          status: 'angefordert' as const,
          completionNote: null,
          completedAt: null,
          history: [entry('angefordert', ctx, null)],
        };
        refuse(reviewWriteProblem(kit.role(), 'correction_tasks', 'create', Object.keys(values)));
        refuse(correctionTaskChangeProblem(kit.role(), ctx.actorId, null, values));
        await writeSynced(trx, ctx, {
          entity: 'correction_tasks',
          op: 'create',
          id,
          caseId: audit.caseId,
          values,
        });
      });
      return taskById(kit.db(), id);
    },

    /** The team lead confirms a correction reported done, or reopens it (with a note why). */
    async reviewCorrection(input: {
      taskId: string;
      decision: 'bestaetigt' | 'wiedereroeffnet';
      note?: string | null | undefined;
      expectedRowVersion?: number | undefined;
    }): Promise<CorrectionTaskDto> {
      teamLeadOnly();
      return changeTask(input.taskId, input.expectedRowVersion, (before, ctx) => ({
        status: input.decision,
        history: [...before.history, entry(input.decision, ctx, input.note ?? null)],
      }));
    },

    /**
     * Correction tasks in this store: a caseworker sees those of the own caseload, a team lead
     * those of the team. `offen`: still to do; `erledigt`: reported done, waiting for the team lead.
     */
    async corrections(filter: CorrectionListFilter): Promise<CorrectionTaskDto[]> {
      const role = kit.role();
      if (role !== 'caseworker' && role !== 'team_lead')
        throw new AppError('FORBIDDEN', 'Korrekturen sehen Integrationsfachkräfte und Teamleitungen.');
      const statuses: readonly CorrectionStatus[] =
        filter.status === 'offen'
          ? OPEN_CORRECTION_STATUSES
          : filter.status === 'erledigt'
            ? ['erledigt']
            : ['angefordert', 'erledigt', 'bestaetigt', 'wiedereroeffnet'];
      const own = role === 'caseworker' ? sql`AND c.caseworker_id = ${kit.actor()}` : sql``;
      const ofCase = filter.caseId !== undefined ? sql`AND t.case_id = ${filter.caseId}` : sql``;
      return taskRows(kit.db(), sql`t.status IN (${sql.join([...statuses])}) ${own} ${ofCase}`);
    },

    /** The caseworker reports a correction done, with a note what was changed. */
    async completeCorrection(input: {
      taskId: string;
      note: string;
      expectedRowVersion?: number | undefined;
    }): Promise<CorrectionTaskDto> {
      requireRole('caseworker', 'Als erledigt meldet die Integrationsfachkraft eine Korrektur.');
      return changeTask(input.taskId, input.expectedRowVersion, (before, ctx) => ({
        status: 'erledigt',
        completionNote: input.note,
        completedAt: ctx.clock.now().toISOString(),
        history: [...before.history, entry('erledigt', ctx, input.note)],
      }));
    },
  };
}

export type QualityReviewService = ReturnType<typeof createQualityReviewService>;
