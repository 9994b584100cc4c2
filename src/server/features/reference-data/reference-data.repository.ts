import { sql } from 'kysely';
import type { Executor } from '../../db/server-db';

export function latestVersions(db: Executor) {
  return db
    .selectFrom('reference_documents')
    .select(['key', sql<number>`max(version)`.as('version')])
    .groupBy('key')
    .orderBy('key')
    .execute();
}

export function findDocument(db: Executor, key: string) {
  return db
    .selectFrom('reference_documents')
    .selectAll()
    .where('key', '=', key)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertDocument(
  db: Executor,
  d: { key: string; version: number; content: unknown; by: string; at: Date },
): Promise<void> {
  await db
    .insertInto('reference_documents')
    .values({
      key: d.key,
      version: d.version,
      content: JSON.stringify(d.content),
      updated_by: d.by,
      updated_at: d.at,
    })
    .execute();
}
