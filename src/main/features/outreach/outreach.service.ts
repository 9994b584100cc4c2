/**
 * "Außentermin vorbereiten" (issue 12 item 6): the readiness of this laptop for an outreach day
 * (evaluated by the pure domain function from what the store, the sync engine and the platform
 * know), blank consent forms printed through the PdfRenderer port, the pre-release contact (a new
 * person and case with a provisional number, the consent and the first contact in ONE local
 * transaction through the normal write path, so everything reaches the outbox), and the possible
 * duplicates the server reported with the caseworker's decision. Plain Node: the battery comes
 * through a platform port (Electron's powerMonitor in the app; "nicht verfügbar" elsewhere).
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { contactInFuture } from '../../../shared/domain/case/contact';
import { CUSTOMER_NUMBER_NOT_YET_ASSIGNED } from '../../../shared/domain/case/person';
import type { DuplicateDecision } from '../../../shared/domain/case/duplicates';
import { duplicateSuspectsEntity, fromRow } from '../../../shared/entities/index';
import { officeName, type OfficeId } from '../../../shared/domain/case/office';
import { type IsoDate } from '../../../shared/domain/common/dates';
import { renderConsentForms } from '../../../shared/domain/outreach/consent-form';
import {
  evaluateReadiness,
  type AnnouncedReference,
  type BatteryInfo,
} from '../../../shared/domain/outreach/readiness';
import type {
  DuplicateSuspectDto,
  OutreachReadinessDto,
  PreReleaseContactInput,
} from '../../../shared/ipc/outreach-contract';
import { shippedReferenceVersions } from '../../../shared/sync/reference-fingerprint';
import { AppError } from '../../../shared/errors';
import type { LocalDb } from '../../db/local-db';
import { writeSynced } from '../../db/write-synced';
import { writeNewCase } from '../cases/cases.service';
import { moveLastContact } from '../cases/last-contact';
import { serviceKit, type ServiceDeps } from '../common/service-kit';
import type { PdfRenderer } from '../plans/print/pdf-renderer';
import { leaseInfo } from '../sync/offline-lease';
import { REFERENCE_ANNOUNCED_KEY } from '../sync/sync-engine';
import { readState } from '../sync/sync-local';
import type { SyncPort } from '../sync/sync-controller';

/** What the platform tells about the battery (src/main/platform/battery.ts in the app). */
export interface BatteryPort {
  status(): Promise<BatteryInfo>;
}

/** Where the platform does not tell (browser bridge, plain Node). */
export const noBattery: BatteryPort = { status: async () => ({ available: false }) };

export interface OutreachDeps extends ServiceDeps {
  readonly pdf: PdfRenderer;
  readonly sync: Pick<SyncPort, 'status'>;
  readonly battery?: BatteryPort;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function parseAnnounced(
  raw: string | undefined,
): { at: string | null; documents: AnnouncedReference[] } | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as { at?: unknown; documents?: unknown };
    if (!Array.isArray(v.documents)) return null;
    const documents = v.documents.filter(
      (d): d is AnnouncedReference =>
        typeof d === 'object' &&
        d !== null &&
        typeof (d as AnnouncedReference).key === 'string' &&
        typeof (d as AnnouncedReference).version === 'number' &&
        typeof (d as AnnouncedReference).sha256 === 'string',
    );
    return { at: typeof v.at === 'string' ? v.at : null, documents };
  } catch {
    return null;
  }
}

export function createOutreachService(deps: OutreachDeps) {
  const kit = serviceKit(deps);
  const db = () => kit.db() as Kysely<LocalDb>;
  const battery = deps.battery ?? noBattery;

  async function suspects(where: { caseId?: string; id?: string }): Promise<DuplicateSuspectDto[]> {
    let q = db()
      .selectFrom('duplicate_suspects as s')
      .innerJoin('cases as c', 'c.id', 's.case_id')
      .leftJoin('persons as p', 'p.id', 's.person_id')
      .leftJoin('cases as oc', (j) =>
        j.onRef('oc.id', '=', 's.other_case_id').on('oc.archived_at', 'is', null),
      )
      .leftJoin('persons as op', 'op.id', 's.other_person_id')
      .selectAll('s')
      .select([
        'c.case_number as own_case_number',
        'p.first_name',
        'p.last_name',
        'oc.id as other_local_case',
        'oc.case_number as other_local_number',
        'op.first_name as other_first_name',
        'op.last_name as other_last_name',
      ])
      .where('s.archived_at', 'is', null)
      .where('c.archived_at', 'is', null);
    if (where.id) q = q.where('s.id', '=', where.id);
    else if (where.caseId) q = q.where('s.case_id', '=', where.caseId);
    else q = q.where('s.decision', '=', 'offen');
    const rows = await q.orderBy('s.created_at').orderBy('s.id').execute();
    return rows.map((r) => {
      const onDevice = r.other_local_case !== null;
      const record = fromRow(duplicateSuspectsEntity, r);
      return {
        ...record,
        rowVersion: r.row_version,
        // the number the server reported; the local one once the other case is here
        otherCaseNumber: r.other_local_number ?? record.otherCaseNumber,
        caseNumber: r.own_case_number,
        personName: [r.first_name, r.last_name].filter(Boolean).join(' '),
        otherPersonName:
          onDevice && r.other_last_name
            ? [r.other_first_name, r.other_last_name].filter(Boolean).join(' ')
            : null,
        otherOnDevice: onDevice,
      };
    });
  }

  return {
    /** How ready this laptop is for the outreach day with the chosen appointments. */
    async readiness(input: {
      day: IsoDate;
      appointmentIds: readonly string[];
    }): Promise<OutreachReadinessDto> {
      const now = kit.now();
      const status = await deps.sync.status();
      const state = await readState(db(), [REFERENCE_ANNOUNCED_KEY, 'client_id']);
      const announced = parseAnnounced(state.get(REFERENCE_ANNOUNCED_KEY));
      const clientId = state.get('client_id');
      const lease = clientId ? await leaseInfo(db(), clientId, now) : { state: 'none' as const, until: null };
      const ids = [...new Set(input.appointmentIds)];
      const appointments =
        ids.length === 0
          ? []
          : await db()
              .selectFrom('appointments')
              .select(['id', 'case_id', 'starts_at'])
              .where('id', 'in', ids)
              .where('archived_at', 'is', null)
              .orderBy('starts_at')
              .execute();
      const caseIds = [...new Set(appointments.map((a) => a.case_id))];
      const rows =
        caseIds.length === 0
          ? []
          : await db()
              .selectFrom('cases as c')
              .leftJoin('persons as p', 'p.id', 'c.person_id')
              .select([
                'c.id',
                'c.case_number',
                'c.archived_at',
                'p.id as person_id',
                'p.first_name',
                'p.last_name',
              ])
              .where('c.id', 'in', caseIds)
              .execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      const cases = caseIds.map((caseId) => {
        const r = byId.get(caseId);
        return {
          caseId,
          caseNumber: r?.case_number ?? caseId,
          personName: r ? [r.first_name, r.last_name].filter(Boolean).join(' ') : '',
          present: r !== undefined && r.archived_at === null && r.person_id !== null,
        };
      });
      const result = evaluateReadiness({
        now,
        day: input.day,
        serverConfigured: status.configured,
        sync: {
          pendingCount: status.pendingCount,
          lastSuccessAt: status.lastSuccessAt,
          conflictCount: status.conflictCount,
          rejectionCount: status.rejectionCount,
        },
        reference: {
          announced: announced?.documents ?? null,
          announcedAt: announced?.at ?? null,
          local: shippedReferenceVersions(sha256),
        },
        lease,
        cases: cases.map((c) => ({ caseId: c.caseId, label: c.caseNumber, present: c.present })),
        battery: await battery.status(),
      });
      return { day: input.day, ...result, items: [...result.items], cases };
    },

    /** Blank consent forms for the day (PDF, one form per page). */
    async consentForms(input: {
      day: IsoDate;
      location: string;
      copies: number;
      officeId: OfficeId;
    }): Promise<{ pdf: Uint8Array; fileName: string }> {
      const html = renderConsentForms({
        day: input.day,
        location: input.location,
        officeName: `Jobcenter Nordsachsen, Standort ${officeName(input.officeId)}`,
        copies: input.copies,
      });
      const pdf = await deps.pdf.render(html);
      return { pdf, fileName: `Einwilligung-Kontakt-vor-Entlassung-${input.day}.pdf` };
    },

    /**
     * The pre-release contact: person and case (provisional number, like an intake), the consent
     * to pre-release contact and the contact itself, in ONE local transaction (all in the outbox).
     */
    async createPreReleaseContact(input: PreReleaseContactInput) {
      const today = kit.today();
      // the consent's own schema (main parsed the input with it) requires the date and the form
      const givenOn = input.consent.givenOn ?? '';
      if (givenOn > today)
        throw new AppError('VALIDATION_FAILED', undefined, {
          issues: [
            { path: 'consent.givenOn', message: 'Eine Einwilligung kann nicht in der Zukunft erteilt sein.' },
          ],
        });
      const future = contactInFuture(input.contact.occurredAt, kit.now());
      if (future)
        throw new AppError('VALIDATION_FAILED', undefined, {
          issues: [{ path: 'contact.occurredAt', message: future }],
        });
      return kit.write(async (trx, ctx) => {
        const created = await writeNewCase(trx, ctx, {
          officeId: input.officeId,
          caseworkerId: ctx.actorId,
          openedOn: today,
          person: {
            customerNumber: input.person.customerNumber?.trim() || CUSTOMER_NUMBER_NOT_YET_ASSIGNED,
            firstName: input.person.firstName,
            lastName: input.person.lastName,
            birthDate: input.person.birthDate,
            expectedReleaseDate: input.person.expectedReleaseDate ?? null,
            consentForPreReleaseContact: true,
          },
        });
        const consentId = ctx.ids.newId();
        await writeSynced(trx, ctx, {
          entity: 'consents',
          op: 'create',
          id: consentId,
          caseId: created.caseId,
          values: {
            purpose: 'pre_release_contact',
            givenOn,
            form: input.consent.form,
            scope: input.consent.scope ?? null,
            recordedBy: ctx.actorId,
          },
        });
        const contactId = ctx.ids.newId();
        await writeSynced(trx, ctx, {
          entity: 'contacts',
          op: 'create',
          id: contactId,
          caseId: created.caseId,
          values: {
            occurredAt: input.contact.occurredAt,
            channel: 'jva',
            direction: 'outbound',
            subject: input.contact.subject,
            reached: true,
            recordedBy: ctx.actorId,
          },
        });
        await moveLastContact(trx, ctx, created.caseId, input.contact.occurredAt);
        return {
          caseId: created.caseId,
          personId: created.personId,
          caseNumber: created.caseNumber,
          consentId,
          contactId,
        };
      });
    },

    /** Open possible duplicates of every case, or all of one case (decided ones included). */
    async duplicates(input: { caseId?: string | undefined }): Promise<{ suspects: DuplicateSuspectDto[] }> {
      return { suspects: await suspects(input.caseId ? { caseId: input.caseId } : {}) };
    },

    /** The caseworker's decision; nothing is merged (same person: the cases are merged by hand). */
    async decideDuplicate(input: {
      suspectId: string;
      decision: Exclude<DuplicateDecision, 'offen'>;
      expectedRowVersion?: number | undefined;
    }): Promise<DuplicateSuspectDto> {
      await kit.write(async (trx, ctx) =>
        writeSynced(trx, ctx, {
          entity: 'duplicate_suspects',
          op: 'update',
          id: input.suspectId,
          values: { decision: input.decision, decidedBy: ctx.actorId, decidedOn: kit.today() },
          ...(input.expectedRowVersion === undefined ? {} : { expectedRowVersion: input.expectedRowVersion }),
        }),
      );
      const [found] = await suspects({ id: input.suspectId });
      if (!found) throw new AppError('NOT_FOUND');
      return found;
    },
  };
}

export type OutreachService = ReturnType<typeof createOutreachService>;
