/**
 * Local derived tables of search and the caseload (migration 0050). None is synced: search_keys is
 * kept by the two writers of synced rows, caseload_members and case_revisions by triggers.
 */
export interface SearchKeysTable {
  /** The field the term was made from: lastName, firstName, customerNumber, birthDate, caseNumber, … */
  kind: string;
  /** The folded term (src/shared/domain/common/search-fold.ts); an ISO date for birthDate. */
  term: string;
  case_id: string;
  /** The table the term came from ('persons' | 'cases'). */
  source: string;
}

export interface CaseloadMembersTable {
  caseworker_id: string;
  case_id: string;
  /** ISO dates: the caseworker always ('0000-01-01' … '9999-12-31'), a substitute during the substitution. */
  from_on: string;
  to_on: string;
  substitute: number;
}

export interface CaseRevisionsTable {
  case_id: string;
  /** Moves on every write to any record of the case. */
  rev: number;
}

/** Target groups and quality findings per case as of `rev` and `on_day` (migration 0180; derived, local). */
export interface CaseDigestsTable {
  case_id: string;
  rev: number;
  /** The Berlin day the time-dependent rules were evaluated on (ISO date). */
  on_day: string;
  /** What the values were computed by (rules fingerprint and digest format); others are recomputed. */
  basis: string;
  /** JSON: QualityFinding[]. */
  findings: string;
  /** JSON: TargetGroup[]; null when only the findings were computed. */
  target_groups: string | null;
}
