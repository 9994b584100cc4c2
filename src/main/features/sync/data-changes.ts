/**
 * What sync rounds changed in the local store, so open screens can load it again (a case, its
 * notes, Mein Bestand stay as loaded otherwise). A round collects the record types and case ids of
 * every row it stored or removed (pull pages, snapshots, purges, conflict records) and of every
 * pushed edit the server did not simply apply (merged, conflict, rejected). A round that changed
 * something gets the next data version; the renderer asks for the status and refreshes the
 * queries of exactly those record types and cases (src/renderer/src/api/data-changes.ts).
 */
import type { DataChangesDto } from '../../../shared/ipc/sync-contract';

/** More case ids than this in one round (a first sync) are reported as "every case". */
export const MAX_REPORTED_CASE_IDS = 200;
/** Rounds kept for a renderer that asks late; one that missed more reloads everything. */
export const KEPT_CHANGES = 50;

/** The record types and cases one round changed. */
export class RoundChanges {
  readonly entities = new Set<string>();
  readonly caseIds = new Set<string>();
  private allCases = false;

  /** Without a case id: a change of no case (the team directory). */
  add(entity: string, caseId?: string): void {
    this.entities.add(entity);
    if (this.allCases || caseId === undefined) return;
    this.caseIds.add(caseId);
    if (this.caseIds.size > MAX_REPORTED_CASE_IDS) {
      this.allCases = true;
      this.caseIds.clear();
    }
  }

  isEmpty(): boolean {
    return this.entities.size === 0;
  }

  /** Entities sorted; case ids sorted, or null for "every case". */
  toChange(): { entities: string[]; caseIds: string[] | null } {
    return {
      entities: [...this.entities].sort(),
      caseIds: this.allCases ? null : [...this.caseIds].sort(),
    };
  }
}

export type DataChange = DataChangesDto['recent'][number];

/**
 * The data version and the changes of the last rounds. Lives as long as the app (the engine is
 * built anew at every unlock), so the version only ever grows.
 */
export class DataChangeLog {
  private version = 0;
  private recent: DataChange[] = [];

  record(change: { entities: string[]; caseIds: string[] | null }): DataChange | null {
    if (change.entities.length === 0) return null;
    this.version += 1;
    const entry: DataChange = { version: this.version, ...change };
    this.recent.push(entry);
    if (this.recent.length > KEPT_CHANGES) this.recent.splice(0, this.recent.length - KEPT_CHANGES);
    return entry;
  }

  snapshot(): DataChangesDto {
    return { version: this.version, recent: this.recent.map((c) => ({ ...c })) };
  }
}
