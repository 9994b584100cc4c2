/**
 * The quality dashboard from the local encrypted store (issue 15 item 1).
 *
 * Scope:
 * - `own`: the open cases whose caseworker is the signed-in user (case.caseworkerId);
 * - `team`: every open case in the local store, grouped per caseworker. A team lead's desktop pulls
 *   exactly the team's cases read-only through the server's team scope (SYNC.md, case_access via
 *   team), so the store IS the team; the scope is refused for every other role.
 *
 * The findings per case come from the caseload's digests (evaluateQuality per case, cached until a
 * record of the case changes or the day turns; shared with "Mein Bestand"). The dated records for
 * contact density, measures and trends are read with three narrow queries; the aggregation is the
 * domain's (aggregateQuality). The whole result is kept until the store changes (same change
 * counters as the caseload), the day turns or the user changes.
 */
import { sql } from 'kysely';
import type { Role } from '../../../shared/auth/roles';
import { addDays, dateInBerlin, type IsoDate } from '../../../shared/domain/common/dates';
import {
  aggregateQuality,
  casesForDrillDown,
  trendMonths,
  type DashboardCase,
  type QualityDashboard,
  type QualityDrillDown,
} from '../../../shared/domain/quality/quality-dashboard';
import {
  defaultQualityRules,
  type QualityFinding,
  type QualityRulesDocument,
} from '../../../shared/domain/quality/quality-rules';
import { AppError } from '../../../shared/errors';
import type { QualityScope } from '../../../shared/ipc/quality-contract';
import type { Entities, RecordOf } from '../../../shared/entities/index';
import type { Executor } from '../../db/kysely';
import { storeStamp, type CaseDigests } from '../cases/caseload';

export interface QualityDeps {
  readonly db: () => Executor;
  /** The signed-in user's id. */
  readonly userId: () => string;
  /** The signed-in user's role (a desktop without a server: caseworker). */
  readonly role: () => Role;
  readonly now: () => Date;
  readonly digests: CaseDigests;
  readonly rules?: () => QualityRulesDocument;
}

/** A case of the scope with what the drill-down list shows. */
export interface QualityCase extends DashboardCase {
  readonly findings: readonly QualityFinding[];
  readonly caseNumber: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly status: string;
}

export interface QualityDashboardResult extends QualityDashboard {
  readonly scope: QualityScope;
  readonly userId: string;
  /** Whether this user may switch to the team scope. */
  readonly teamScopeAllowed: boolean;
}

type CaseRecord = RecordOf<Entities['cases']['fields']>;
type PersonRecord = RecordOf<Entities['persons']['fields']>;
type AssignmentRecord = RecordOf<Entities['measure_assignments']['fields']>;

export type QualityCaseRow = { readonly caseId: string } & Pick<
  CaseRecord,
  'caseNumber' | 'caseworkerId' | 'phase' | 'nextReviewOn'
> &
  Pick<PersonRecord, 'firstName' | 'lastName'> & {
    /** The case's findings that the drill-down is about (all of them without a rule or severity). */
    readonly findings: QualityFinding[];
  };

type BaseRow = { readonly caseId: string; readonly rev: number | null } & Pick<
  CaseRecord,
  'caseNumber' | 'caseworkerId' | 'phase' | 'status' | 'nextReviewOn'
> &
  Pick<PersonRecord, 'firstName' | 'lastName'>;

interface Dated {
  readonly contacts: IsoDate[];
  readonly assignments: DashboardCase['assignments'][number][];
  readonly handovers: IsoDate[];
}

interface Snapshot {
  readonly key: string;
  readonly on: IsoDate;
  readonly cases: readonly QualityCase[];
  readonly dashboard: QualityDashboard;
}

const collator = new Intl.Collator('de', { sensitivity: 'base', numeric: true });

export function createQualityDashboard(deps: QualityDeps) {
  const snapshots = new Map<QualityScope, Snapshot>();
  let snapshotsFor: Executor | undefined;

  function checkScope(scope: QualityScope): void {
    if (scope === 'team' && deps.role() !== 'team_lead')
      throw new AppError('FORBIDDEN', 'Die Teamauswertung ist Teamleitungen vorbehalten.');
  }

  const dated = new Map<string, Dated & { rev: number }>();
  let datedFrom = '';
  let datedFor: Executor | undefined;

  /**
   * Contacts reached, measures and hand-overs of the cases in `wanted`, from `from` on where dated
   * history is concerned (measures: all, "without outcome" and "overdue" have no date window).
   * `ids`: the cases to read (null: read the tables whole, cheaper than a long IN list).
   */
  async function readDated(
    db: Executor,
    from: IsoDate,
    ids: readonly string[] | null,
    wanted: ReadonlySet<string>,
  ): Promise<Map<string, Dated>> {
    const out = new Map<string, Dated>();
    for (const id of wanted) out.set(id, { contacts: [], assignments: [], handovers: [] });
    const only = ids === null ? sql`` : sql`AND case_id IN (${sql.join(ids)})`;
    // instants are compared as text with a margin of two days; the Berlin day decides
    const contacts = await sql<{ caseId: string; occurredAt: string }>`
      SELECT case_id AS caseId, occurred_at AS occurredAt FROM contacts
       WHERE archived_at IS NULL AND reached = 1 AND occurred_at >= ${addDays(from, -2)} ${only}`.execute(db);
    for (const c of contacts.rows) {
      const entry = out.get(c.caseId);
      if (!entry) continue;
      const day = dateInBerlin(new Date(c.occurredAt));
      if (day >= from) entry.contacts.push(day);
    }
    const assignments = await sql<
      { caseId: string; hasOutcome: number } & Pick<
        AssignmentRecord,
        'status' | 'startedOn' | 'endedOn' | 'plannedEnd'
      >
    >`
      SELECT case_id AS caseId, status, started_on AS startedOn, ended_on AS endedOn,
             planned_end AS plannedEnd, outcome IS NOT NULL AS hasOutcome
        FROM measure_assignments WHERE archived_at IS NULL ${only}`.execute(db);
    for (const a of assignments.rows) {
      out.get(a.caseId)?.assignments.push({
        status: a.status,
        startedOn: a.startedOn,
        endedOn: a.endedOn,
        plannedEnd: a.plannedEnd,
        hasOutcome: a.hasOutcome === 1,
      });
    }
    const handovers = await sql<{ caseId: string; handedOverOn: string }>`
      SELECT case_id AS caseId, handed_over_on AS handedOverOn FROM plan_handovers
       WHERE archived_at IS NULL AND handed_over_on >= ${from} ${only}`.execute(db);
    for (const h of handovers.rows) out.get(h.caseId)?.handovers.push(h.handedOverOn);
    return out;
  }

  async function load(db: Executor, scope: QualityScope, me: string, on: IsoDate): Promise<QualityCase[]> {
    const { rows } = await sql<BaseRow>`
      SELECT c.id AS caseId, c.case_number AS caseNumber, c.caseworker_id AS caseworkerId,
             c.phase AS phase, c.status AS status, c.next_review_on AS nextReviewOn,
             p.first_name AS firstName, p.last_name AS lastName, r.rev AS rev
        FROM cases c
        JOIN persons p ON p.id = c.person_id
        LEFT JOIN case_revisions r ON r.case_id = c.id
       WHERE c.archived_at IS NULL AND c.status <> 'abgeschlossen'
         ${scope === 'own' ? sql`AND c.caseworker_id = ${me}` : sql``}`.execute(db);
    const digests = await deps.digests.current(db, rows, on, false);

    // the dated records per case, kept by case revision: after an edit only the changed cases
    // are read again (case_revisions moves with every write to any record of the case)
    const from = trendMonths(on)[0]! + '-01';
    if (datedFrom !== from || datedFor !== db) {
      dated.clear();
      datedFrom = from;
      datedFor = db;
    }
    const stale = rows.filter((r) => dated.get(r.caseId)?.rev !== Number(r.rev ?? 0));
    if (stale.length > 0) {
      const fresh = await readDated(
        db,
        from,
        stale.length > rows.length / 4 ? null : stale.map((r) => r.caseId),
        new Set(stale.map((r) => r.caseId)),
      );
      for (const r of stale) dated.set(r.caseId, { rev: Number(r.rev ?? 0), ...fresh.get(r.caseId)! });
    }
    const byCase = dated;

    return rows.map((r) => {
      const findings = digests.get(r.caseId)?.findings ?? [];
      const entry = byCase.get(r.caseId)!;
      return {
        caseId: r.caseId,
        caseworkerId: r.caseworkerId,
        phase: r.phase,
        nextReviewOn: r.nextReviewOn,
        findings,
        contactDays: entry.contacts,
        assignments: entry.assignments,
        handoverDays: entry.handovers,
        caseNumber: r.caseNumber,
        firstName: r.firstName,
        lastName: r.lastName,
        status: r.status,
      };
    });
  }

  async function snapshotOf(scope: QualityScope): Promise<Snapshot> {
    checkScope(scope);
    const db = deps.db();
    if (snapshotsFor !== db) {
      snapshots.clear();
      snapshotsFor = db;
    }
    const on = dateInBerlin(deps.now());
    const me = deps.userId();
    const key = `${await storeStamp(db)}|${me}|${on}`;
    const cached = snapshots.get(scope);
    if (cached && cached.key === key) return cached;
    const cases = await load(db, scope, me, on);
    const dashboard = aggregateQuality(cases, on, deps.rules?.() ?? defaultQualityRules);
    const snapshot = { key, on, cases, dashboard };
    snapshots.set(scope, snapshot);
    return snapshot;
  }

  return {
    /** The dashboard of `scope`; without one, of the role's own view (a team lead's: the team). */
    async dashboard(requested?: QualityScope): Promise<QualityDashboardResult> {
      const scope = requested ?? (deps.role() === 'team_lead' ? 'team' : 'own');
      const s = await snapshotOf(scope);
      return {
        ...s.dashboard,
        scope,
        userId: deps.userId(),
        teamScopeAllowed: deps.role() === 'team_lead',
      };
    },

    /** The signed-in user (whose cases the screens mark with „(Sie)“). */
    userId: (): string => deps.userId(),

    /** The cases behind a number of the dashboard, in German order of their names. */
    async cases(scope: QualityScope, drill: QualityDrillDown): Promise<QualityCaseRow[]> {
      const s = await snapshotOf(scope);
      const about = (f: QualityFinding) =>
        (drill.ruleId === undefined || f.ruleId === drill.ruleId) &&
        (drill.severity === undefined || f.severity === drill.severity);
      return casesForDrillDown(s.cases, drill, s.on)
        .map((c) => ({
          caseId: c.caseId,
          caseNumber: c.caseNumber,
          firstName: c.firstName,
          lastName: c.lastName,
          caseworkerId: c.caseworkerId,
          phase: c.phase,
          nextReviewOn: c.nextReviewOn,
          findings: c.findings.filter(about),
        }))
        .sort(
          (a, b) =>
            collator.compare(a.lastName, b.lastName) ||
            collator.compare(a.firstName, b.firstName) ||
            collator.compare(a.caseNumber, b.caseNumber),
        );
    },
  };
}

export type QualityDashboardReader = ReturnType<typeof createQualityDashboard>;
