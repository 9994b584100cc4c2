import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time (Kysely docs) */

/**
 * Expand only. A conflict's resolution is stored on its `sync_conflicts` row (issue 12 item 7),
 * instead of being read back from the `conflict_resolved` audit entry by timestamp:
 * `resolution` ('keep' | 'take_other' | 'dismiss'), `resolved_value` (the value that stands after
 * it: the other value for take_other, else the kept one) and `resolved_row_version` (the record's
 * row version written by take_other, else NULL); `resolved_by` / `resolved_at` exist already.
 *
 * Backfill: every resolved conflict takes its outcome from its `conflict_resolved` audit entry
 * (the one written at `resolved_at`, else the latest). A resolved conflict without such an entry
 * keeps `resolution` NULL (readers treat it as 'keep', as before).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('sync_conflicts')
    .addColumn('resolution', 'text')
    .addColumn('resolved_value', 'jsonb')
    .addColumn('resolved_row_version', 'bigint')
    .execute();
  await sql`
    with a as (
      select distinct on (l.entity_id) l.entity_id, l.detail
      from audit_log l
      join sync_conflicts c on c.conflict_id = l.entity_id
      where l.action = 'conflict_resolved'
        and l.entity = 'sync_conflicts'
        and c.resolved_at is not null
        and jsonb_typeof(l.detail -> 'resolution') = 'string'
      order by l.entity_id, (l.at = c.resolved_at) desc, l.id desc)
    update sync_conflicts c set
      resolution = a.detail ->> 'resolution',
      resolved_value = case when a.detail ->> 'resolution' = 'take_other' then c.other_value else c.kept_value end,
      resolved_row_version = case when jsonb_typeof(a.detail -> 'rowVersion') = 'number'
        then (a.detail ->> 'rowVersion')::bigint end
    from a
    where a.entity_id = c.conflict_id`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('sync_conflicts')
    .dropColumn('resolved_row_version')
    .dropColumn('resolved_value')
    .dropColumn('resolution')
    .execute();
}
