import { REFERENCE_DOCUMENTS, validateReferenceDocument } from '../../../shared/domain/reference-data';
import { AppError } from '../../../shared/errors';
import type { ServerContext } from '../../context';
import { appendAudit } from '../audit/audit.repository';
import type { Principal } from '../auth/roles';
import * as repo from './reference-data.repository';

/** Versioned JSON documents by key: measure catalogue, rule sets, templates, code lists. */
export async function listVersions(ctx: ServerContext) {
  const rows = await repo.latestVersions(ctx.db);
  return { documents: rows.map((r) => ({ key: r.key, version: Number(r.version) })) };
}

export async function getDocument(ctx: ServerContext, key: string) {
  const row = await repo.findDocument(ctx.db, key);
  if (!row) throw new AppError('NOT_FOUND', 'Diese Referenzdaten gibt es nicht.');
  return {
    key: row.key,
    version: row.version,
    content: row.content,
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function putDocument(
  ctx: ServerContext,
  p: Principal,
  req: { key: string; expectedVersion: number; content: unknown },
): Promise<{ key: string; version: number }> {
  const validation = validateReferenceDocument(req.key, req.content);
  if (!validation.ok) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Die Referenzdaten sind fehlerhaft und wurden nicht gespeichert.',
      {
        issues: validation.problems.slice(0, 50).map((message) => ({ path: 'content', message })),
      },
    );
  }
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const current = await repo.findDocument(trx, req.key);
      const currentVersion = current?.version ?? 0;
      if (currentVersion !== req.expectedVersion) throw new AppError('CONFLICT');
      const version = currentVersion + 1;
      await repo.insertDocument(trx, { key: req.key, version, content: req.content, by: p.userId, at: now });
      await appendAudit(trx, {
        at: now,
        userId: p.userId,
        clientId: p.clientId,
        action: 'reference_data_updated',
        entityId: req.key,
        detail: { version },
      });
      return { key: req.key, version };
    });
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw new AppError('CONFLICT');
    throw error;
  }
}

/**
 * Seeds the documents Lotse ships (resources/) as version 1 of every key the database does not hold
 * yet, so a new server distributes the catalogue and rules from its first start. Edited documents
 * are never overwritten. Returns the keys it seeded.
 */
export async function seedShippedDocuments(ctx: Pick<ServerContext, 'db' | 'clock'>): Promise<string[]> {
  const present = new Set((await repo.latestVersions(ctx.db)).map((r) => r.key));
  const seeded: string[] = [];
  for (const doc of REFERENCE_DOCUMENTS) {
    if (present.has(doc.key)) continue;
    try {
      await repo.insertDocument(ctx.db, {
        key: doc.key,
        version: 1,
        content: doc.shipped,
        by: 'system',
        at: ctx.clock.now(),
      });
      seeded.push(doc.key);
    } catch (error) {
      // another server process seeded it at the same moment
      if ((error as { code?: string }).code !== '23505') throw error;
    }
  }
  return seeded;
}
