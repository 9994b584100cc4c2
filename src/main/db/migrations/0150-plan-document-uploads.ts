import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration';

/**
 * Where each handed-over plan PDF stands with the server's blob store (issue 12 item 8). The bytes
 * in plan_documents stay written once; this table holds the marker: `uploaded_at` once the server
 * holds the complete blob (checked, never assumed), `refused_code`/`refused_at` for a refusal the
 * sync page shows until an upload succeeds. No row: not yet tried.
 */
const STATEMENTS = [
  `CREATE TABLE plan_document_uploads (
     sha256 TEXT PRIMARY KEY,
     case_id TEXT NOT NULL,
     uploaded_at TEXT,
     refused_code TEXT,
     refused_at TEXT
   ) STRICT`,
];

export const migration0150: Migration = {
  version: 150,
  name: 'plan-document-uploads',
  async up(db: Kysely<unknown>) {
    for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
  },
};
