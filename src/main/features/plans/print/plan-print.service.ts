/**
 * Printing the Kooperationsplan: the preview (the same HTML the PDF is made from) with the list of
 * what is missing, the hand-over with its PDF (rendered through the PdfRenderer port and stored byte
 * for byte with the immutable handed-over version), the stored document as it was handed over, and
 * the reprint ("Ausfertigung vom …", appended without changing the stored bytes).
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { formatGermanDate } from '../../../../shared/domain/common/dates';
import { isOfficeId } from '../../../../shared/domain/case/office';
import { regimeOn } from '../../../../shared/domain/legal/legal-regimes';
import type { PlanHandover, PlanProblem } from '../../../../shared/domain/plan/cooperation-plan';
import { renderPlanDocument, type PlanContactPerson } from '../../../../shared/domain/plan/plan-document';
import { healthTermsOf } from '../../../../shared/domain/plan/plan-health';
import { officeDemoNote } from '../../../../shared/domain/plan/plan-texts';
import { ENTITIES, fromRow } from '../../../../shared/entities/index';
import { AppError } from '../../../../shared/errors';
import type { LocalDb } from '../../../db/local-db';
import { getRecord } from '../../cases/cases.repository';
import { ruleViolated, serviceKit, type Dto, type ServiceDeps } from '../../common/service-kit';
import { planContentOf, planMissing, type PlansService } from '../plans.service';
import { createChromiumPdfRenderer } from './chromium-pdf-renderer';
import { appendCopyNotice } from './pdf-copy-notice';
import type { PdfRenderer, PrintDialogPort } from './pdf-renderer';
import { staticContactPort, type PlanContactPort } from './plan-contact';
import { planTemplatesFrom, type PlanTemplates } from './plan-templates';

export interface PlanPrintDeps extends ServiceDeps {
  /** Electron's printToPDF in the app; Chromium through Playwright in tests and the bridge (default). */
  readonly pdf?: PdfRenderer;
  readonly templates?: PlanTemplates;
  /** The system print dialog (Electron); absent in the browser bridge. */
  readonly printDialog?: PrintDialogPort;
  /** The contact person printed when none is typed (default: the demo caseworker only). */
  readonly contacts?: PlanContactPort;
  /**
   * The PDF of a synced hand-over from the server's blob store, by the hash its record names (the
   * sync engine checks the SHA-256 and stores it); absent without a server.
   */
  readonly fetchDocument?: (doc: {
    sha256: string;
    caseId: string;
    handoverId: string;
  }) => Promise<Uint8Array>;
}

export interface PlanPreview {
  readonly html: string;
  readonly missing: PlanProblem[];
  readonly regimeId: PlanHandover['regimeId'];
  readonly templateVersion: string;
  /** Which letterhead fields of the office are demo data without a source (null: none). */
  readonly officeNote: string | null;
}

export interface CasePlan {
  readonly plan: Dto<'cooperation_plans'> | null;
  readonly handovers: Dto<'plan_handovers'>[];
}

export interface StoredPlanDocument {
  readonly pdf: Uint8Array;
  /** SHA-256 of the stored document (as recorded at the hand-over). */
  readonly sha256: string;
  readonly byteLength: number;
}

export interface PlanReprint extends StoredPlanDocument {
  /** "Ausfertigung vom 01.12.2026 – …": the line added on page 1. */
  readonly notice: string;
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** Why a PDF could not be fetched that still means "not on this device" (no server, offline). */
const FETCH_UNAVAILABLE: ReadonlySet<string> = new Set(['SYNC_OFFLINE', 'SYNC_NOT_CONFIGURED', 'NOT_FOUND']);

export function createPlanPrintService(deps: PlanPrintDeps, plans: PlansService) {
  const kit = serviceKit(deps);
  const pdf = deps.pdf ?? createChromiumPdfRenderer();
  const templates = deps.templates ?? planTemplatesFrom();
  const healthTerms = healthTermsOf();
  const contacts = deps.contacts ?? staticContactPort();
  const db = () => kit.db() as Kysely<LocalDb>;

  /** The plan, its case and person as printed, with the HTML of today. */
  async function compose(planId: string, contact: PlanContactPerson | null) {
    const stored = await getRecord(db(), 'cooperation_plans', planId, { live: true });
    if (!stored) throw new AppError('NOT_FOUND');
    const plan = planContentOf(stored);
    const regime = regimeOn(plan.planDate);
    if (!regime.ok) throw ruleViolated(regime.reason);
    const theCase = await getRecord(db(), 'cases', plan.caseId);
    if (!theCase) throw new AppError('NOT_FOUND');
    const person = await getRecord(db(), 'persons', theCase.personId);
    if (!isOfficeId(theCase.officeId)) throw ruleViolated('Der Fall ist keinem Standort zugeordnet.');
    const template = templates.forPlan(regime.regime.id, plan.planDate);
    const html = renderPlanDocument({
      plan,
      regime: regime.regime,
      texts: template.texts,
      template: template.html,
      templateVersion: template.version,
      personName: person ? `${person.firstName} ${person.lastName}` : '',
      caseNumber: theCase.caseNumber,
      officeId: theCase.officeId,
      contact: contact ?? contacts.contactFor(kit.actor()),
      issuedOn: kit.today(),
      healthTerms,
    });
    const office = template.texts.offices.find((o) => o.id === theCase.officeId);
    const officeNote = office ? officeDemoNote(office) : null;
    return { stored, plan, regime: regime.regime, template, html, officeNote };
  }

  async function storedDocument(handoverId: string) {
    const handover = await getRecord(db(), 'plan_handovers', handoverId);
    if (!handover) throw new AppError('NOT_FOUND');
    if (handover.pdfSha256 === null)
      throw new AppError(
        'NOT_FOUND',
        'Zu dieser Fassung wurde kein PDF gespeichert (ausgehändigt vor Lotse-Druck).',
      );
    let row = await db()
      .selectFrom('plan_documents')
      .select(['pdf', 'sha256'])
      .where('sha256', '=', handover.pdfSha256)
      .executeTakeFirst();
    if (!row && deps.fetchDocument) {
      // handed over on another device: fetched from the server on demand, checked against its hash
      try {
        const pdf = await deps.fetchDocument({
          sha256: handover.pdfSha256,
          caseId: handover.caseId,
          handoverId: handover.id,
        });
        row = { pdf, sha256: handover.pdfSha256 };
      } catch (error) {
        if (!(error instanceof AppError) || !FETCH_UNAVAILABLE.has(error.code)) throw error;
      }
    }
    if (!row)
      throw new AppError(
        'NOT_FOUND',
        'Das PDF dieser Fassung liegt auf diesem Gerät nicht vor. Bitte synchronisieren Sie und versuchen Sie es erneut.',
      );
    const bytes = new Uint8Array(row.pdf);
    if (sha256(bytes) !== handover.pdfSha256)
      throw new AppError(
        'INTERNAL',
        'Das gespeicherte PDF stimmt nicht mit seinem Prüfwert überein. Bitte wenden Sie sich an den IT-Support.',
      );
    return { handover, document: { pdf: bytes, sha256: handover.pdfSha256, byteLength: bytes.byteLength } };
  }

  return {
    /**
     * The case's current plan (the latest live one, null when none was made yet) and the versions
     * handed over of it, newest first: what the workspace section "Kooperationsplan" reads.
     */
    async forCase(caseId: string): Promise<CasePlan> {
      if (!(await getRecord(db(), 'cases', caseId))) throw new AppError('NOT_FOUND');
      const loose = db() as unknown as Kysely<Record<string, Record<string, unknown>>>;
      const row = await loose
        .selectFrom('cooperation_plans')
        .selectAll()
        .where('case_id', '=', caseId)
        .where('archived_at', 'is', null)
        .orderBy('plan_date', 'desc')
        .orderBy('created_at', 'desc')
        .executeTakeFirst();
      if (!row) return { plan: null, handovers: [] };
      const rows = await loose
        .selectFrom('plan_handovers')
        .selectAll()
        .where('case_id', '=', caseId)
        .where('plan_id', '=', row['id'] as string)
        .orderBy('version', 'desc')
        .execute();
      const withVersion = <E extends 'cooperation_plans' | 'plan_handovers'>(
        entity: E,
        r: Record<string, unknown>,
      ) => ({ ...fromRow(ENTITIES[entity], r), rowVersion: Number(r['row_version']) }) as Dto<E>;
      return {
        plan: withVersion('cooperation_plans', row),
        handovers: rows.map((r) => withVersion('plan_handovers', r)),
      };
    },

    /** The document as it would be printed today, and what still blocks the hand-over. */
    async preview(planId: string, contact: PlanContactPerson | null = null): Promise<PlanPreview> {
      const { plan, regime, template, html, officeNote } = await compose(planId, contact);
      return {
        html,
        missing: await planMissing(db(), plan, kit.today()),
        regimeId: regime.id,
        templateVersion: template.version,
        officeNote,
      };
    },

    /** What still blocks the hand-over (empty when the plan is ready). */
    async missing(planId: string): Promise<PlanProblem[]> {
      const stored = await getRecord(db(), 'cooperation_plans', planId, { live: true });
      if (!stored) throw new AppError('NOT_FOUND');
      return planMissing(db(), planContentOf(stored), kit.today());
    },

    /**
     * Hands the plan over with its PDF: checks first (nothing is rendered for a plan that may not
     * be handed over), renders, then stores the version with the PDF in ONE transaction that
     * refuses when the plan changed meanwhile (what is stored is what was printed).
     */
    async handOver(
      planId: string,
      form: PlanHandover['form'],
      options: { expectedRowVersion?: number; contact?: PlanContactPerson | null } = {},
    ): Promise<Dto<'plan_handovers'>> {
      const { stored, plan, template, html } = await compose(planId, options.contact ?? null);
      if (options.expectedRowVersion !== undefined && options.expectedRowVersion !== stored.rowVersion)
        throw new AppError('CONFLICT');
      const problems = await planMissing(db(), plan, kit.today());
      if (problems.length > 0)
        throw new AppError(
          'DOMAIN_RULE_VIOLATED',
          `Der Kooperationsplan kann noch nicht ausgehändigt werden: ${problems.length === 1 ? 'eine Angabe fehlt' : `${problems.length} Angaben fehlen`}.`,
          { issues: problems.map((p) => ({ path: p.field, message: p.message })) },
        );
      let bytes: Uint8Array;
      try {
        bytes = await pdf.render(html);
      } catch (cause) {
        throw new AppError(
          'INTERNAL',
          'Der Kooperationsplan konnte nicht als PDF erstellt werden. Bitte versuchen Sie es erneut.',
          {
            cause,
          },
        );
      }
      return plans.handOver(planId, form, stored.rowVersion, {
        templateVersion: template.version,
        pdf: bytes,
      });
    },

    /** The stored PDF of a handed-over version, byte for byte (its hash checked). */
    async document(handoverId: string): Promise<StoredPlanDocument> {
      return (await storedDocument(handoverId)).document;
    },

    /**
     * A reprint: the stored PDF unchanged plus "Ausfertigung vom <today>" on page 1, appended as an
     * incremental update. The first `byteLength` bytes are the stored document (same SHA-256).
     */
    async reprint(handoverId: string): Promise<PlanReprint> {
      const { handover, document } = await storedDocument(handoverId);
      const notice = `Ausfertigung vom ${formatGermanDate(kit.today())} – unveränderte Zweitschrift der am ${formatGermanDate(handover.handedOverOn)} ausgehändigten Fassung ${handover.version} (Prüfwert ${document.sha256.slice(0, 16)})`;
      return { ...document, pdf: appendCopyNotice(document.pdf, notice), notice };
    },

    /**
     * Opens the stored PDF (or its reprint) for the system print dialog: what is printed is what
     * was stored. Only in the desktop app; in the browser the PDF is downloaded and printed there.
     */
    async openForPrinting(handoverId: string, copy: boolean): Promise<null> {
      if (!deps.printDialog)
        throw ruleViolated(
          'Der Druckdialog steht nur in der Desktop-App zur Verfügung. Bitte laden Sie das PDF herunter und drucken Sie es von dort.',
        );
      const doc = copy ? await this.reprint(handoverId) : await this.document(handoverId);
      await deps.printDialog.showPdf(doc.pdf, copy ? 'Kooperationsplan – Ausfertigung' : 'Kooperationsplan');
      return null;
    },

    close: () => pdf.close(),
  };
}

export type PlanPrintService = ReturnType<typeof createPlanPrintService>;
