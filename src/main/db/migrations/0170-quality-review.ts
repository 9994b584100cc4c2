import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration';

/**
 * The sampled case audit and its correction tasks (issue 15 item 2, record types case_audits and
 * correction_tasks in src/shared/entities). Only adds tables.
 */
const BOOKKEEPING = `
     case_id TEXT NOT NULL,
     row_version INTEGER NOT NULL DEFAULT 0,
     field_meta TEXT NOT NULL DEFAULT '{}',
     dirty INTEGER NOT NULL DEFAULT 0,
     archived_at TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     created_by TEXT NOT NULL,
     updated_by TEXT NOT NULL`;

const STATEMENTS = [
  `CREATE TABLE case_audits (
     id TEXT PRIMARY KEY,
     sample_id TEXT NOT NULL,
     caseworker_id TEXT NOT NULL,
     quarter TEXT NOT NULL,
     seed INTEGER NOT NULL,
     method TEXT NOT NULL,
     sample_size INTEGER NOT NULL,
     drawn_case_ids TEXT NOT NULL,
     population_count INTEGER NOT NULL,
     population_digest TEXT NOT NULL,
     drawn_at TEXT NOT NULL,
     team_lead_id TEXT NOT NULL,
     items TEXT NOT NULL DEFAULT '[]',
     comment TEXT,
     status TEXT NOT NULL DEFAULT 'offen',
     closed_on TEXT,${BOOKKEEPING}
   ) STRICT`,
  `CREATE INDEX case_audits_case ON case_audits(case_id)`,
  `CREATE INDEX case_audits_sample ON case_audits(sample_id)`,
  `CREATE INDEX case_audits_caseworker_quarter ON case_audits(caseworker_id, quarter)`,
  `CREATE TABLE correction_tasks (
     id TEXT PRIMARY KEY,
     audit_id TEXT NOT NULL,
     section TEXT NOT NULL,
     rule_id TEXT,
     text TEXT NOT NULL,
     due_on TEXT,
     caseworker_id TEXT NOT NULL,
     requested_by TEXT NOT NULL,
     requested_at TEXT NOT NULL,
     status TEXT NOT NULL DEFAULT 'angefordert',
     completion_note TEXT,
     completed_at TEXT,
     history TEXT NOT NULL DEFAULT '[]',${BOOKKEEPING}
   ) STRICT`,
  `CREATE INDEX correction_tasks_case ON correction_tasks(case_id)`,
  `CREATE INDEX correction_tasks_audit ON correction_tasks(audit_id)`,
  `CREATE INDEX correction_tasks_status ON correction_tasks(status)`,
];

export const migration0170: Migration = {
  version: 170,
  name: 'quality-review',
  async up(db: Kysely<unknown>) {
    for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
  },
};
