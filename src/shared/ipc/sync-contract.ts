/**
 * The sync channels of the contract (issue 12): the status of the sync engine, a sync on demand,
 * the conflicts and refused edits of a case, and the user's decisions on them.
 */
import { z } from 'zod';
import { recordIdSchema } from '../domain/common/schemas';
import { ERROR_MESSAGES } from '../errors';
import { MAX_IPC_STRING } from './write-contract';

const ErrorCode = z.enum(Object.keys(ERROR_MESSAGES) as [keyof typeof ERROR_MESSAGES]);

/**
 * What the last sync rounds changed in the local store: the data version grows by one for every
 * round that stored, removed or had refused something; each of the last rounds names the record
 * types (entity names, plus sync_conflicts and sync_rejections) and the case ids (null: too many
 * to name, say every case). The renderer refreshes exactly those queries.
 */
export const DataChangesDto = z.object({
  version: z.number().int().min(0),
  recent: z.array(
    z.object({
      version: z.number().int().min(1),
      entities: z.array(z.string()),
      caseIds: z.array(z.string()).nullable(),
    }),
  ),
});
export type DataChangesDto = z.infer<typeof DataChangesDto>;

export const SyncStatusDto = z.object({
  /** Whether a Lotse server is set up for this desktop. */
  configured: z.boolean(),
  state: z.enum([
    'not_configured',
    'idle',
    'syncing',
    'offline',
    'error',
    'upgrade_required',
    'revoked',
    /** The server refused the stored sign-in: sync waits for a new sign-in (outbox kept). */
    'signed_out',
    'wiped',
    'locked',
    'stopped',
  ]),
  lastSuccessAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  /** Local changes not yet acknowledged by the server. */
  pendingCount: z.number().int().min(0),
  /** Refused edits not yet dismissed, open conflicts. */
  rejectionCount: z.number().int().min(0),
  conflictCount: z.number().int().min(0),
  /** The last failure, with a German message (stays until the next successful sync). */
  error: z.object({ code: ErrorCode, message: z.string() }).nullable(),
  /** Counts during the first sync (null otherwise). */
  firstSync: z.object({ rowsReceived: z.number().int(), pages: z.number().int() }).nullable(),
  /** Device clock minus server time at the last contact (ms). */
  clockSkewMs: z.number().nullable(),
  dataChanges: DataChangesDto,
});
export type SyncStatusDto = z.infer<typeof SyncStatusDto>;

export const SyncConflictDto = z.object({
  conflictId: recordIdSchema,
  caseId: recordIdSchema,
  entity: z.string(),
  entityId: recordIdSchema,
  field: z.string(),
  /** 'conflict': a decision is needed; 'merged': both texts were merged cleanly (a hint). */
  kind: z.enum(['conflict', 'merged']),
  mine: z.unknown(),
  theirs: z.unknown(),
  /** Which of both the record holds now. */
  current: z.enum(['mine', 'theirs']),
  base: z.unknown(),
  createdAt: z.string(),
  /** Whether the signed-in user may decide it (only caseworkers write case records). */
  mayResolve: z.boolean(),
});

export const SyncRejectionDto = z.object({
  mutationId: z.string(),
  caseId: recordIdSchema,
  entity: z.string(),
  entityId: recordIdSchema,
  op: z.enum(['create', 'update', 'archive']).nullable(),
  /** Stable code; `message` is its German text. */
  reason: z.string(),
  message: z.string(),
  values: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});

export type SyncRejection = z.infer<typeof SyncRejectionDto>;

export const SyncCaseIssuesDto = z.object({
  conflicts: z.array(SyncConflictDto),
  rejections: z.array(SyncRejectionDto),
});
export type SyncCaseIssuesDto = z.infer<typeof SyncCaseIssuesDto>;

export const SyncResolveConflictInput = z
  .object({
    conflictId: recordIdSchema,
    /** Keep my value, take the other one, or a merged text (free-text fields only). */
    choice: z.enum(['mine', 'theirs', 'merged'], { error: 'Bitte wählen Sie, welcher Wert gelten soll.' }),
    mergedText: z.string().max(MAX_IPC_STRING, { error: 'Der Text ist zu lang.' }).optional(),
  })
  .strict()
  .refine((v) => v.choice !== 'merged' || typeof v.mergedText === 'string', {
    error: 'Bitte geben Sie den zusammengeführten Text ein.',
    path: ['mergedText'],
  });

/** The desktop's access log (issue 12 item 5): what is still to be uploaded, and a refusal. */
export const AccessLogStatusDto = z.object({
  pending: z.number().int().min(0),
  oldestPendingAt: z.string().nullable(),
  refusal: z
    .object({
      code: z.enum(['AUDIT_CHAIN_GAP', 'AUDIT_CHAIN_ALTERED']),
      message: z.string(),
      seq: z.number().int(),
      at: z.string(),
    })
    .nullable(),
});
export type AccessLogStatusDto = z.infer<typeof AccessLogStatusDto>;

/** Handed-over plan PDFs not yet in the server's blob store (issue 12 item 8), and refusals. */
export const PlanDocumentUploadsDto = z.object({
  pending: z.number().int().min(0),
  pendingBytes: z.number().int().min(0),
  refused: z.array(
    z.object({
      sha256: z.string(),
      caseId: z.string(),
      code: ErrorCode,
      message: z.string(),
      at: z.string(),
    }),
  ),
});
export type PlanDocumentUploadsDto = z.infer<typeof PlanDocumentUploadsDto>;

export const syncContract = {
  'sync:status': { input: z.undefined(), output: SyncStatusDto },
  'sync:now': { input: z.undefined(), output: SyncStatusDto },
  'sync:case-issues': { input: z.object({ caseId: recordIdSchema }).strict(), output: SyncCaseIssuesDto },
  /** Every refused edit not yet dismissed, newest first (the list on the Synchronisation page). */
  'sync:rejections': { input: z.undefined(), output: z.object({ rejections: z.array(SyncRejectionDto) }) },
  'sync:resolve-conflict': { input: SyncResolveConflictInput, output: z.null() },
  'sync:dismiss-rejection': {
    input: z.object({ mutationId: z.uuid({ error: 'Ungültige Kennung.' }) }).strict(),
    output: z.null(),
  },
  'sync:access-log': { input: z.undefined(), output: AccessLogStatusDto },
  'sync:plan-documents': { input: z.undefined(), output: PlanDocumentUploadsDto },
} as const;
