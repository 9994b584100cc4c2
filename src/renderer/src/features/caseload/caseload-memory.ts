import type { CaseloadSearch } from '../../app/route-params';

let last: CaseloadSearch = {};

/** The caseload's search and filter as last shown, so "Zurück zum Fallbestand" returns to them. */
export function rememberCaseloadSearch(search: CaseloadSearch): void {
  last = search;
}

export function lastCaseloadSearch(): CaseloadSearch {
  return last;
}

let scrollY = 0;

/** Where the caseload list was scrolled to when a case was opened. */
export function rememberCaseloadScroll(y: number): void {
  scrollY = y;
}

export function lastCaseloadScroll(): number {
  return scrollY;
}
