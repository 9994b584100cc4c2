import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration';

/**
 * The PDF of every handed-over Kooperationsplan, byte for byte, in the encrypted local store
 * (issue 11). Content-addressed by its SHA-256 (plan_handovers.pdf_sha256 names it); a row is
 * written once, in the transaction of the hand-over, and never changed. Local only: the bytes reach
 * the server's blob store through sync (plan_handovers carries the hash), not as a synced table.
 */
const STATEMENTS = [
  `CREATE TABLE plan_documents (
     sha256 TEXT PRIMARY KEY,
     handover_id TEXT NOT NULL,
     case_id TEXT NOT NULL,
     pdf BLOB NOT NULL,
     byte_length INTEGER NOT NULL,
     created_at TEXT NOT NULL
   ) STRICT`,
  `CREATE INDEX plan_documents_handover ON plan_documents(handover_id)`,
  `CREATE INDEX plan_documents_case ON plan_documents(case_id)`,
];

export const migration0070: Migration = {
  version: 70,
  name: 'plan-documents',
  async up(db: Kysely<unknown>) {
    for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
  },
};
