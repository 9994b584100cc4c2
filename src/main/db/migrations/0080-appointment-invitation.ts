import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration';

/**
 * Appointments record how the person was invited (issue 10): a plain invitation, a
 * Meldeaufforderung with Rechtsfolgenbelehrung, or none in writing. Existing appointments were
 * plain invitations. Only adds a column.
 */
const STATEMENTS = [`ALTER TABLE appointments ADD COLUMN invitation TEXT NOT NULL DEFAULT 'einladung'`];

export const migration0080: Migration = {
  version: 80,
  name: 'appointment-invitation',
  async up(db: Kysely<unknown>) {
    for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
  },
};
