import type { VirtualItem } from '@tanstack/react-virtual';
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

let measured: VirtualItem[] = [];

/** The row heights the list had measured, so that coming back lands on the same rows. */
export function rememberCaseloadRows(rows: VirtualItem[]): void {
  measured = rows;
}

export function lastCaseloadRows(): VirtualItem[] {
  return measured;
}
