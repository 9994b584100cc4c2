import type { Insertable, Selectable } from 'kysely';

/** The PDF bytes of a handed-over Kooperationsplan (local only, written once). */
export interface PlanDocumentTable {
  sha256: string;
  handover_id: string;
  case_id: string;
  pdf: Uint8Array;
  byte_length: number;
  created_at: string;
}

export type PlanDocumentRow = Selectable<PlanDocumentTable>;
export type NewPlanDocumentRow = Insertable<PlanDocumentTable>;

/** Where a plan PDF stands with the server's blob store (migration 0150). */
export interface PlanDocumentUploadTable {
  sha256: string;
  case_id: string;
  uploaded_at: string | null;
  refused_code: string | null;
  refused_at: string | null;
}
