import type { Generated, Selectable } from 'kysely';

/** One content-addressed file of a case; `status` is 'partial' while chunks arrive, then 'complete'. */
export interface BlobsTable {
  case_id: string;
  /** Lower-case hex SHA-256 of the whole content. */
  sha256: string;
  size: string;
  received: Generated<string>;
  status: 'partial' | 'complete';
  uploaded_by: string;
  client_id: string;
  created_at: Date;
  completed_at: Date | null;
}
export type BlobRow = Selectable<BlobsTable>;

/** The bytes of a blob, one row per received chunk (at most 1 MiB), keyed by byte offset. */
export interface BlobChunksTable {
  case_id: string;
  sha256: string;
  offset: string;
  data: Buffer;
}
