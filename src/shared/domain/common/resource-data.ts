/**
 * Catalogue and rule data lives as JSON in resources/ so Fachadministration can revise it. Every
 * document is parsed by its schema before use; a malformed document fails with a message that
 * names the file and the entry, so whoever edited it can find the mistake.
 */
import type { z } from 'zod';

export class ResourceDataError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source}: ${problems.length} Fehler\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ResourceDataError';
  }
}

/** Describes where an issue sits: "Eintrag 3 (id \"mag\") › rules › 0 › minAge" (entries named by id or code). */
export function describePath(data: unknown, path: readonly PropertyKey[]): string {
  const out: string[] = [];
  let node: unknown = data;
  for (const key of path) {
    node =
      node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    if (typeof key === 'number') {
      const entry =
        node !== null && typeof node === 'object' ? (node as { id?: unknown; code?: unknown }) : {};
      if (typeof entry.id === 'string') out.push(`Eintrag ${key + 1} (id "${entry.id}")`);
      else if (typeof entry.code === 'string') out.push(`Eintrag ${key + 1} (code "${entry.code}")`);
      else out.push(`Eintrag ${key + 1}`);
    } else {
      out.push(String(key));
    }
  }
  return out.length > 0 ? out.join(' › ') : '(Dokument)';
}

/** Parses one resource document; throws ResourceDataError naming `source` and each bad entry. */
export function parseResource<S extends z.ZodType>(schema: S, data: unknown, source: string): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new ResourceDataError(
    source,
    result.error.issues.map((issue) => `${describePath(data, issue.path)}: ${issue.message}`),
  );
}

/** Reports duplicate ids in a list as readable problems (empty when all are unique). */
export function duplicateIds(items: readonly { id: string }[]): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  items.forEach((item, index) => {
    if (seen.has(item.id)) problems.push(`Eintrag ${index + 1} (id "${item.id}"): id ist doppelt vergeben`);
    seen.add(item.id);
  });
  return problems;
}

/** A legal reference shown beside a rule ("§ 16i Abs. 3 SGB II"). */
export type LegalReference = string;
