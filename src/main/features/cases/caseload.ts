import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { defaultCriteriaCatalogue, needsOf } from '../../../shared/domain/assessment/index';
import { isProvisionalCaseNumber, type Phase } from '../../../shared/domain/case/case';
import { isSingleParentHousehold } from '../../../shared/domain/case/household';
import { targetGroupsFrom, type TargetGroup } from '../../../shared/domain/case/target-groups';
import { dateInBerlin, type IsoDate } from '../../../shared/domain/common/dates';
import type { CooperationPlan } from '../../../shared/domain/plan/cooperation-plan';
import {
  defaultQualityRules,
  evaluateQuality,
  type QualityFinding,
  type QualitySnapshot,
} from '../../../shared/domain/quality/quality-rules';
import {
  ENTITIES,
  fromRow,
  type Entities,
  type EntityName,
  type RecordOf,
} from '../../../shared/entities/index';
import type { Executor, LocalKysely } from '../../db/kysely';
import type { CaseDigestsTable } from '../../db/tables/caseload.table';
import { uncountedChanges, writeUncounted } from '../../db/uncounted-writes';
import type { CaseloadSortColumn } from '../../../shared/ipc/contract';

/**
 * "Mein Bestand": the cases the signed-in caseworker works today (own ones, and those of
 * colleagues they substitute for today), each with what the list shows and sorts by.
 *
 * How it stays within 5 ms at 100,000 cases in the store (bench `caseload.query`):
 * - the caseload is an index lookup in caseload_members (migration 0050, kept by triggers);
 * - the base row (case + person + revision) and the next appointment are one grouped query; after
 *   a write only the cases whose revision moved are read again (one index range over the
 *   caseload's members and revisions says which), the other rows are kept as they were;
 * - target groups and the number of open quality findings come from the domain (targetGroupsFrom,
 *   evaluateQuality over all of the case's records). They are computed per case and CACHED by
 *   (case revision, Berlin day): case_revisions moves with every write to any record of the case,
 *   the day makes time-dependent rules (plan review due, last contact) fresh each morning. Only
 *   cases that changed are recomputed (the first query after unlock computes the whole caseload);
 * - the whole caseload (not a page) is sorted in German order (Intl.Collator 'de': Böhm before
 *   Bondarenko, Schäfer before Schwarz) and filtered here; the counts for the filter chips are
 *   counted over the whole caseload, before filters.
 */
type CaseRecord = RecordOf<Entities['cases']['fields']>;
type PersonRecord = RecordOf<Entities['persons']['fields']>;

export interface CaseloadFilter {
  readonly officeId?: CaseRecord['officeId'];
  readonly phase?: Phase;
  readonly targetGroup?: TargetGroup;
  readonly overdueReview?: boolean;
  readonly includeClosed?: boolean;
}

export interface CaseloadRequest extends CaseloadFilter {
  readonly sort?: CaseloadSortColumn;
  readonly direction?: 'asc' | 'desc';
}

export type CaseloadRow = { readonly caseId: string; readonly personId: string } & Pick<
  CaseRecord,
  'caseNumber' | 'status' | 'phase' | 'officeId' | 'nextReviewOn'
> &
  Pick<PersonRecord, 'firstName' | 'lastName' | 'birthDate'> & {
    readonly caseNumberProvisional: boolean;
    /** The case is a colleague's and the signed-in caseworker substitutes today. */
    readonly substitute: boolean;
    /** The next planned appointment from now on, with its day at the offices (Europe/Berlin). */
    readonly nextAppointment: { readonly startsAt: string; readonly day: IsoDate } | null;
    readonly targetGroups: TargetGroup[];
    /** The plan review is due before today. */
    readonly reviewOverdue: boolean;
    /** Open findings of the domain's quality rules. */
    readonly findings: number;
  };

export interface CaseloadCounts {
  readonly offices: Readonly<Record<string, number>>;
  readonly phases: Readonly<Record<string, number>>;
  readonly targetGroups: Readonly<Record<string, number>>;
  readonly overdueReview: number;
}

export interface Caseload {
  /** Filtered and sorted: the whole list, no page. */
  readonly items: CaseloadRow[];
  /** Cases in the caseload before filters. */
  readonly total: number;
  readonly counts: CaseloadCounts;
}

/** What is computed per case and kept until the case changes or the day turns. */
export interface CaseDigest {
  readonly rev: number;
  readonly on: IsoDate;
  /** null: not computed (the quality dashboard asked only for findings). */
  readonly targetGroups: readonly TargetGroup[] | null;
  /** The case's findings by the domain's quality rules on `on` (the quality dashboard reads them). */
  readonly findings: readonly QualityFinding[];
}

type Rec<E extends EntityName> = RecordOf<Entities[E]['fields']> & { id: string; caseId: string };

const collator = new Intl.Collator('de', { sensitivity: 'base', numeric: true });

/** A quality snapshot of one case from its stored records (live ones), for the domain's rules. */
export function qualitySnapshotOf(records: {
  readonly case: Pick<CaseRecord, 'lastContactOn'> & { id: string };
  readonly person: Pick<PersonRecord, 'birthDate'>;
  readonly assessments: readonly Rec<'assessments'>[];
  readonly goals: readonly Rec<'goals'>[];
  readonly plans: readonly Rec<'cooperation_plans'>[];
  readonly handovers: readonly Pick<Rec<'plan_handovers'>, 'planId' | 'handedOverOn'>[];
  readonly assignments: readonly Rec<'measure_assignments'>[];
  readonly notes: readonly Rec<'notes'>[];
}): QualitySnapshot {
  const latest = [...records.assessments].sort((a, b) => b.version - a.version)[0];
  const plan = [...records.plans].sort((a, b) => (a.planDate < b.planDate ? 1 : -1))[0];
  const handover = plan
    ? records.handovers
        .filter((h) => h.planId === plan.id)
        .sort((a, b) => (a.handedOverOn < b.handedOverOn ? 1 : -1))[0]
    : undefined;
  return {
    caseId: records.case.id,
    person: { birthDate: records.person.birthDate },
    assessment: latest
      ? {
          id: latest.id,
          status: latest.status,
          finalizedOn: latest.finalizedOn,
          strengthCount: latest.entries.filter((e) => e.strength !== null).length,
          targetOccupation: latest.targetOccupation?.kldbCode ?? latest.targetOccupation?.title ?? null,
          needs: needsOf(latest, defaultCriteriaCatalogue).map((n) => ({
            id: n.criterionId,
            label: n.focus,
            keyFactor: n.keyFactor,
          })),
        }
      : null,
    goals: records.goals.map((g) => ({ id: g.id, status: 'open' as const })),
    plan: plan
      ? {
          content: plan as unknown as CooperationPlan,
          handedOverOn: handover?.handedOverOn ?? null,
          lastReviewedOn: null,
        }
      : null,
    assignments: records.assignments.map((a) => ({
      id: a.id,
      title: a.measureTitle,
      status: a.status,
      ended: a.status === 'ended' || a.status === 'aborted',
      needIds: a.needIds,
      hasOutcome: a.outcome !== null,
      plannedEnd: a.plannedEnd,
    })),
    lastContactOn: records.case.lastContactOn,
    // restricted notes are where health details belong; the diagnosis rule reads the others
    freeTexts: records.notes
      .filter((n) => !n.restricted)
      .map((n) => ({ section: 'vermerke' as const, ref: n.id, label: `Vermerk „${n.title}“`, text: n.body })),
  };
}

/** One caseload row as the list query reads it (aliases in domain terms, no decoding needed). */
type BaseRow = Omit<
  CaseloadRow,
  'nextAppointment' | 'targetGroups' | 'reviewOverdue' | 'findings' | 'substitute' | 'caseNumberProvisional'
> & {
  readonly rev: number | null;
  readonly substitute: number;
  readonly nextAt: string | null;
};

async function liveRecords<E extends EntityName>(
  db: Executor,
  entity: E,
  caseIds: readonly string[],
): Promise<Map<string, Rec<E>[]>> {
  // a case is its own partition: looked up by its primary key (cases has no index on case_id)
  const key = entity === 'cases' ? sql.ref('id') : sql.ref('case_id');
  const { rows } = await sql<Record<string, unknown>>`
    SELECT * FROM ${sql.table(entity)} WHERE ${key} IN (${sql.join(caseIds)}) AND archived_at IS NULL`.execute(
    db,
  );
  const byCase = new Map<string, Rec<E>[]>();
  for (const row of rows) {
    const rec = fromRow(ENTITIES[entity], row) as Rec<E>;
    const list = byCase.get(rec.caseId);
    if (list) list.push(rec);
    else byCase.set(rec.caseId, [rec]);
  }
  return byCase;
}

/** The hand-overs of the cases: only what the rules read (the stored plan content is large JSON). */
async function handoverDates(
  db: Executor,
  caseIds: readonly string[],
): Promise<Map<string, { planId: string; handedOverOn: IsoDate }[]>> {
  const { rows } = await sql<{ caseId: string; planId: string; handedOverOn: IsoDate }>`
    SELECT case_id AS caseId, plan_id AS planId, handed_over_on AS handedOverOn FROM plan_handovers
     WHERE case_id IN (${sql.join(caseIds)}) AND archived_at IS NULL`.execute(db);
  const byCase = new Map<string, { planId: string; handedOverOn: IsoDate }[]>();
  for (const r of rows) {
    const list = byCase.get(r.caseId);
    const h = { planId: r.planId, handedOverOn: r.handedOverOn };
    if (list) list.push(h);
    else byCase.set(r.caseId, [h]);
  }
  return byCase;
}

/**
 * Computes findings (and target groups when asked) for cases whose digest is missing or stale.
 * The quality dashboard needs no target groups: for a team lead's whole team they are skipped.
 */
async function computeDigests(
  db: Executor,
  stale: readonly DigestKey[],
  on: IsoDate,
  withTargetGroups: boolean,
): Promise<Map<string, CaseDigest>> {
  const out = new Map<string, CaseDigest>();
  for (let i = 0; i < stale.length; i += 400) {
    const chunk = stale.slice(i, i + 400);
    const ids = chunk.map((b) => b.caseId);
    const [caseRows, persons, households, assessments, goals, plans, handovers, assignments, notes] =
      await Promise.all([
        liveRecords(db, 'cases', ids),
        liveRecords(db, 'persons', ids),
        withTargetGroups ? liveRecords(db, 'households', ids) : new Map<string, Rec<'households'>[]>(),
        liveRecords(db, 'assessments', ids),
        liveRecords(db, 'goals', ids),
        liveRecords(db, 'cooperation_plans', ids),
        handoverDates(db, ids),
        liveRecords(db, 'measure_assignments', ids),
        liveRecords(db, 'notes', ids),
      ]);
    for (const b of chunk) {
      const c = caseRows.get(b.caseId)?.[0];
      if (!c) continue;
      const person = (persons.get(c.id) ?? []).find((p) => p.id === c.personId);
      if (!person) continue;
      const household = (households.get(c.id) ?? []).find((h) => h.id === person.householdId);
      const groups = !withTargetGroups
        ? null
        : targetGroupsFrom(
            {
              birthDate: person.birthDate,
              unemployedSince: person.unemployedSince,
              benefitPeriods: person.benefitPeriods,
              returnerToWork: person.returnerToWork,
              disability: person.disability,
              germanLevel: person.germanLevel,
              expectedReleaseDate: person.expectedReleaseDate,
              ...(household ? { singleParent: isSingleParentHousehold(household, on) } : {}),
            },
            on,
          ).map((g) => g.group);
      const findings = evaluateQuality(
        qualitySnapshotOf({
          case: c,
          person,
          assessments: assessments.get(c.id) ?? [],
          goals: goals.get(c.id) ?? [],
          plans: plans.get(c.id) ?? [],
          handovers: handovers.get(c.id) ?? [],
          assignments: assignments.get(c.id) ?? [],
          notes: notes.get(c.id) ?? [],
        }),
        on,
      );
      out.set(c.id, { rev: Number(b.rev ?? 0), on, targetGroups: groups, findings });
    }
  }
  return out;
}

/** A case and its revision (case_revisions moves with every write to any record of the case). */
export interface DigestKey {
  readonly caseId: string;
  readonly rev: number | null;
}

/**
 * What a digest was computed by: the quality rules document and the format of the digest. A stored
 * digest with another basis is computed again (an update that changes the rules' logic or the
 * target groups without changing the rules document must raise DIGEST_FORMAT).
 */
// 2: massnahme-ergebnis also flags a running measure past its planned end (reads plannedEnd)
// 3: its message names the extension (stored findings carry the message)
// 4: massnahme-dient-bedarf no longer flags an ended measure whose need a Fortschreibung dropped
const DIGEST_FORMAT = 4;
const DIGEST_BASIS = `${DIGEST_FORMAT}:${createHash('sha256')
  .update(JSON.stringify(defaultQualityRules))
  .digest('hex')
  .slice(0, 16)}`;

const fits = (d: CaseDigest | undefined, rev: number, on: IsoDate, withTargetGroups: boolean): boolean =>
  d !== undefined && d.rev === rev && d.on === on && (!withTargetGroups || d.targetGroups !== null);

/** The digests the store kept for `keys` on day `on` (the whole day's table when many are asked). */
async function readStoredDigests(
  db: Executor,
  keys: readonly DigestKey[],
  on: IsoDate,
): Promise<Map<string, CaseDigest>> {
  const out = new Map<string, CaseDigest>();
  const take = (rows: readonly CaseDigestsTable[]) => {
    for (const r of rows)
      out.set(r.case_id, {
        rev: r.rev,
        on,
        findings: JSON.parse(r.findings) as QualityFinding[],
        targetGroups: r.target_groups === null ? null : (JSON.parse(r.target_groups) as TargetGroup[]),
      });
  };
  const columns = sql`case_id, rev, on_day, basis, findings, target_groups`;
  if (keys.length > 1_000) {
    const { rows } = await sql<CaseDigestsTable>`
      SELECT ${columns} FROM case_digests WHERE on_day = ${on} AND basis = ${DIGEST_BASIS}`.execute(db);
    take(rows);
  } else
    for (let i = 0; i < keys.length; i += 500) {
      const ids = keys.slice(i, i + 500).map((k) => k.caseId);
      const { rows } = await sql<CaseDigestsTable>`
        SELECT ${columns} FROM case_digests
         WHERE case_id IN (${sql.join(ids)}) AND on_day = ${on} AND basis = ${DIGEST_BASIS}`.execute(db);
      take(rows);
    }
  return out;
}

/**
 * Keeps computed digests on disk, outside the store's change stamp (a derived value changes no
 * case, so the caseload's cache stays valid). Skipped inside a caller's transaction, and for fewer
 * than `from` digests: a commit is an fsync (synchronous = FULL, 4–8 ms on a laptop disk), while a
 * handful of cases edited today is computed again after the next unlock in well under a millisecond
 * each. So an edit costs no write here; the first computation of a caseload or a team does.
 */
async function storeDigests(
  db: Executor,
  digests: ReadonlyMap<string, CaseDigest>,
  from: number,
): Promise<void> {
  if (db.isTransaction || digests.size === 0 || digests.size < from) return;
  const rows = [...digests].map(([caseId, d]) => ({
    case_id: caseId,
    rev: d.rev,
    on_day: d.on,
    basis: DIGEST_BASIS,
    findings: JSON.stringify(d.findings),
    target_groups: d.targetGroups === null ? null : JSON.stringify(d.targetGroups),
  }));
  await writeUncounted(db as LocalKysely, async (trx) => {
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto('case_digests')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) =>
          oc.column('case_id').doUpdateSet((eb) => ({
            rev: eb.ref('excluded.rev'),
            on_day: eb.ref('excluded.on_day'),
            basis: eb.ref('excluded.basis'),
            findings: eb.ref('excluded.findings'),
            target_groups: eb.ref('excluded.target_groups'),
          })),
        )
        .execute();
  });
}

/**
 * The per-case digests (target groups, quality findings) of one opened store, shared by "Mein
 * Bestand" and the quality dashboard: a case is recomputed only when its revision or the day moved.
 * Computed digests are kept in memory and on disk (case_digests), so the first read after an
 * unlock loads them instead of decoding every record of every case again.
 */
export function createCaseDigests(options: { readonly persistFrom?: number } = {}) {
  const persistFrom = options.persistFrom ?? 25;
  let cache = new Map<string, CaseDigest>();
  let cachedFor: Executor | undefined;
  const counted = { computed: 0, loaded: 0 };
  return {
    /** The digests of `rows`; target groups too unless `withTargetGroups` is false. */
    async current(
      db: Executor,
      rows: readonly DigestKey[],
      on: IsoDate,
      withTargetGroups = true,
    ): Promise<ReadonlyMap<string, CaseDigest>> {
      if (cachedFor !== db) {
        cache = new Map();
        cachedFor = db;
      }
      const isStale = (b: DigestKey) => !fits(cache.get(b.caseId), Number(b.rev ?? 0), on, withTargetGroups);
      let stale = rows.filter(isStale);
      if (stale.length === 0) return cache;
      const wanted = new Map(stale.map((b) => [b.caseId, Number(b.rev ?? 0)]));
      for (const [id, d] of await readStoredDigests(db, stale, on)) {
        const rev = wanted.get(id);
        if (rev !== undefined && fits(d, rev, on, withTargetGroups)) cache.set(id, d);
      }
      const before = stale.length;
      stale = stale.filter(isStale);
      counted.loaded += before - stale.length;
      if (stale.length > 0) {
        const computed = await computeDigests(db, stale, on, withTargetGroups);
        for (const [id, d] of computed) cache.set(id, d);
        counted.computed += computed.size;
        await storeDigests(db, computed, persistFrom);
      }
      return cache;
    },
    /** How many digests were computed from the records and how many loaded from the store so far. */
    counts(): { readonly computed: number; readonly loaded: number } {
      return { ...counted };
    },
  };
}
export type CaseDigests = ReturnType<typeof createCaseDigests>;

/**
 * German order of the text columns as ranks: Intl.Collator comparisons are what a sort of the
 * caseload spends its time on (≈ 10,000 calls for 200 cases), so each case gets its rank by name
 * and by case number once; the ranks are kept while the caseload's cases and their names and
 * numbers stay the same (an edit of a review date or a note does not sort anew).
 */
interface Ranks {
  /** The snapshot's rank input the ranks were computed for. */
  readonly input: number;
  readonly byName: ReadonlyMap<string, number>;
  readonly byNumber: ReadonlyMap<string, number>;
}

function rankBy(
  rows: readonly CaseloadRow[],
  cmp: (a: CaseloadRow, b: CaseloadRow) => number,
): Map<string, number> {
  return new Map([...rows].sort(cmp).map((r, i) => [r.caseId, i]));
}

function ranksOf(rows: readonly CaseloadRow[], input: number): Ranks {
  const str = (x: string, y: string) => collator.compare(x, y);
  return {
    input,
    byName: rankBy(
      rows,
      (a, b) =>
        str(a.lastName, b.lastName) ||
        str(a.firstName, b.firstName) ||
        str(a.caseNumber, b.caseNumber) ||
        (a.caseId < b.caseId ? -1 : 1),
    ),
    byNumber: rankBy(rows, (a, b) => str(a.caseNumber, b.caseNumber) || (a.caseId < b.caseId ? -1 : 1)),
  };
}

/**
 * Sorts by one column (empty values last in both directions), then by name in German order.
 * Dates are ISO strings (their code-point order is their time order); names and case numbers
 * compare by their German-order ranks.
 */
function comparator(
  column: CaseloadSortColumn,
  desc: boolean,
  ranks: Ranks,
): (a: CaseloadRow, b: CaseloadRow) => number {
  const dir = desc ? -1 : 1;
  const iso = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const num = (x: number, y: number) => x - y;
  const nullsLast = <T>(a: T | null, b: T | null, cmp: (x: T, y: T) => number): number =>
    a === null ? (b === null ? 0 : 1) : b === null ? -1 : dir * cmp(a, b);
  const name = (r: CaseloadRow) => ranks.byName.get(r.caseId) ?? 0;
  const byName = (a: CaseloadRow, b: CaseloadRow) => name(a) - name(b);
  const primary: Record<CaseloadSortColumn, (a: CaseloadRow, b: CaseloadRow) => number> = {
    name: (a, b) => dir * byName(a, b),
    caseNumber: (a, b) => dir * num(ranks.byNumber.get(a.caseId) ?? 0, ranks.byNumber.get(b.caseId) ?? 0),
    phase: (a, b) => dir * num(a.phase, b.phase),
    nextAppointment: (a, b) =>
      nullsLast(a.nextAppointment?.startsAt ?? null, b.nextAppointment?.startsAt ?? null, iso),
    targetGroups: (a, b) => dir * num(a.targetGroups.length, b.targetGroups.length),
    reviewDue: (a, b) => nullsLast(a.nextReviewOn, b.nextReviewOn, iso),
    findings: (a, b) => dir * num(a.findings, b.findings),
    office: (a, b) => dir * iso(a.officeId, b.officeId),
  };
  return (a, b) => primary[column](a, b) || byName(a, b);
}

/**
 * The caseload's base rows: case, person, revision and next appointment, one grouped query (the
 * next appointment per case: a range on appointments_case (case_id, starts_at), first hit). With
 * `only`, just those cases of the caseload (the ones whose revision moved).
 */
async function queryBase(
  db: Executor,
  me: string,
  on: IsoDate,
  now: string,
  includeClosed: boolean,
  only?: readonly string[],
): Promise<BaseRow[]> {
  const { rows } = await sql<BaseRow>`
      SELECT c.id AS caseId, c.person_id AS personId, c.case_number AS caseNumber, c.status AS status,
             c.phase AS phase, c.office_id AS officeId, c.next_review_on AS nextReviewOn,
             p.first_name AS firstName, p.last_name AS lastName, p.birth_date AS birthDate,
             r.rev AS rev, MIN(m.substitute) AS substitute,
             (SELECT a.starts_at FROM appointments a
               WHERE a.case_id = c.id AND a.starts_at >= ${now}
                 AND a.status = 'geplant' AND a.archived_at IS NULL
               ORDER BY a.starts_at LIMIT 1) AS nextAt
        FROM caseload_members m
        JOIN cases c ON c.id = m.case_id
        JOIN persons p ON p.id = c.person_id
        LEFT JOIN case_revisions r ON r.case_id = c.id
       WHERE m.caseworker_id = ${me} AND m.from_on <= ${on} AND m.to_on >= ${on}
         ${only ? sql`AND m.case_id IN (${sql.join(only)})` : sql``}
         AND c.archived_at IS NULL
         ${includeClosed ? sql`` : sql`AND c.status <> 'abgeschlossen'`}
       GROUP BY c.id`.execute(db);
  return rows;
}

/**
 * Which cases the caseload holds today and their revisions: an index range on caseload_members
 * and a primary-key lookup per case, no case or person row read. Membership only changes together
 * with the case row (caseworker, substitutions), which moves the case's revision.
 */
async function queryMembers(db: Executor, me: string, on: IsoDate): Promise<DigestKey[]> {
  const { rows } = await sql<DigestKey>`
      SELECT m.case_id AS caseId, r.rev AS rev
        FROM caseload_members m
        LEFT JOIN case_revisions r ON r.case_id = m.case_id
       WHERE m.caseworker_id = ${me} AND m.from_on <= ${on} AND m.to_on >= ${on}
       GROUP BY m.case_id`.execute(db);
  return rows;
}

/**
 * What changes the caseload: a write on this connection (total_changes(), triggers included), a
 * commit by another connection (data_version), the Berlin day, the caseworker, and the start of the
 * earliest next appointment passing (then that case's next appointment is a later one). Writes made
 * through writeUncounted (the access log) are left out.
 */
export async function storeStamp(db: Executor): Promise<string> {
  const { rows } = await sql<{ changes: number; version: number }>`
    SELECT total_changes() AS changes, (SELECT data_version FROM pragma_data_version) AS version`.execute(db);
  // bookkeeping written through writeUncounted (the access log) changes no case
  return `${(rows[0]?.changes ?? 0) - uncountedChanges(db)}:${rows[0]?.version ?? 0}`;
}

/** One case of the caseload as last read: its row (null: closed or archived, not listed) at `rev`. */
interface Member {
  readonly rev: number | null;
  readonly row: CaseloadRow | null;
}

interface Snapshot {
  readonly key: string;
  /** The caseworker, the day and includeClosed: within one scope a snapshot is updated, not rebuilt. */
  readonly scope: string;
  readonly validUntil: string | null;
  readonly members: ReadonlyMap<string, Member>;
  readonly all: CaseloadRow[];
  readonly counts: CaseloadCounts;
  /** Moves when the listed cases or a listed case's name or number change (the ranks' input). */
  readonly rankInput: number;
}

export interface CaseloadDeps {
  readonly db: () => Executor;
  /** The signed-in caseworker's user id. */
  readonly caseworkerId: () => string;
  readonly now: () => Date;
  /** The per-case digests, shared with the quality dashboard (a reader of its own by default). */
  readonly digests?: CaseDigests;
}

function countsOf(all: readonly CaseloadRow[]): CaseloadCounts {
  const counts = {
    offices: {} as Record<string, number>,
    phases: {} as Record<string, number>,
    targetGroups: {} as Record<string, number>,
    overdueReview: 0,
  };
  const inc = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);
  for (const r of all) {
    inc(counts.offices, r.officeId);
    inc(counts.phases, String(r.phase));
    for (const g of r.targetGroups) inc(counts.targetGroups, g);
    if (r.reviewOverdue) counts.overdueReview += 1;
  }
  return counts;
}

const sameRankInput = (a: CaseloadRow, b: CaseloadRow): boolean =>
  a.lastName === b.lastName && a.firstName === b.firstName && a.caseNumber === b.caseNumber;

/** The caseload reader with its per-case cache (one per opened store; cleared when the store changes). */
export function createCaseloadReader(deps: CaseloadDeps) {
  const digests = deps.digests ?? createCaseDigests();
  let cachedFor: Executor | undefined;
  let snapshot: Snapshot | undefined;
  let rankInput = 0; // counts changes of the ranks' input (see Snapshot.rankInput)
  let ranks: Ranks = { input: -1, byName: new Map(), byNumber: new Map() };

  /**
   * The caseload now. Within the same scope (caseworker, day, closed ones or not) and while no
   * next appointment has started, only the cases whose revision moved are read again and
   * recomputed (an edit in one case re-reads one case, not 200); otherwise all are read.
   */
  async function takeSnapshot(
    db: Executor,
    key: string,
    scope: string,
    me: string,
    on: IsoDate,
    now: string,
    includeClosed: boolean,
    previous: Snapshot | undefined,
  ): Promise<Snapshot> {
    const before = previous?.members;
    let keys: readonly DigestKey[];
    let fresh: BaseRow[];
    if (before === undefined) {
      fresh = await queryBase(db, me, on, now, includeClosed);
      keys = fresh;
    } else {
      keys = await queryMembers(db, me, on);
      const moved = keys.filter((k) => before.get(k.caseId)?.rev !== k.rev).map((k) => k.caseId);
      fresh = moved.length === 0 ? [] : await queryBase(db, me, on, now, includeClosed, moved);
    }
    const freshById = new Map(fresh.map((r) => [r.caseId, r]));
    const cache = await digests.current(db, fresh, on);

    const members = new Map<string, Member>();
    const all: CaseloadRow[] = [];
    let listChanged = before === undefined || before.size !== keys.length;
    for (const k of keys) {
      const old = before?.get(k.caseId);
      const base = freshById.get(k.caseId);
      let member: Member;
      if (old !== undefined && old.rev === k.rev) member = old;
      else if (base === undefined) member = { rev: k.rev, row: null };
      else {
        const { rev: _rev, substitute, nextAt, ...row } = base;
        const d = cache.get(row.caseId);
        member = {
          rev: k.rev,
          row: {
            ...row,
            caseNumberProvisional: isProvisionalCaseNumber(row.caseNumber),
            substitute: substitute === 1,
            nextAppointment: nextAt ? { startsAt: nextAt, day: dateInBerlin(new Date(nextAt)) } : null,
            targetGroups: [...(d?.targetGroups ?? [])],
            reviewOverdue: row.nextReviewOn !== null && row.nextReviewOn < on,
            findings: d?.findings.length ?? 0,
          },
        };
      }
      if (!listChanged && (old === undefined || (old.row === null) !== (member.row === null)))
        listChanged = true;
      if (!listChanged && old?.row && member.row && !sameRankInput(old.row, member.row)) listChanged = true;
      members.set(k.caseId, member);
      if (member.row) all.push(member.row);
    }
    if (listChanged) rankInput += 1;

    const validUntil = all.reduce<string | null>((min, r) => {
      const at = r.nextAppointment?.startsAt ?? null;
      return at !== null && (min === null || at < min) ? at : min;
    }, null);
    return { key, scope, validUntil, members, all, counts: countsOf(all), rankInput };
  }

  return async function readCaseload(request: CaseloadRequest = {}): Promise<Caseload> {
    const db = deps.db();
    if (cachedFor !== db) {
      ranks = { input: -1, byName: new Map(), byNumber: new Map() };
      snapshot = undefined;
      cachedFor = db;
    }
    const nowDate = deps.now();
    const now = nowDate.toISOString();
    const on = dateInBerlin(nowDate);
    const me = deps.caseworkerId();
    const includeClosed = request.includeClosed === true;
    const scope = `${me}|${on}|${includeClosed}`;
    const key = `${await storeStamp(db)}|${scope}`;
    const until = snapshot?.validUntil ?? null;
    const expired = until !== null && now >= until;
    if (snapshot === undefined || snapshot.key !== key || expired) {
      const previous = snapshot !== undefined && snapshot.scope === scope && !expired ? snapshot : undefined;
      snapshot = await takeSnapshot(db, key, scope, me, on, now, includeClosed, previous);
    }
    const { all, counts } = snapshot;
    const items = all.filter(
      (r) =>
        (request.officeId === undefined || r.officeId === request.officeId) &&
        (request.phase === undefined || r.phase === request.phase) &&
        (request.targetGroup === undefined || r.targetGroups.includes(request.targetGroup)) &&
        (!request.overdueReview || r.reviewOverdue),
    );
    if (ranks.input !== snapshot.rankInput) ranks = ranksOf(all, snapshot.rankInput);
    items.sort(comparator(request.sort ?? 'name', request.direction === 'desc', ranks));
    return { items, total: all.length, counts };
  };
}

export type CaseloadReader = ReturnType<typeof createCaseloadReader>;
