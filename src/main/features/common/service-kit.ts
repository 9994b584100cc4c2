import type { Kysely, Transaction } from 'kysely';
import { getRecord } from '../cases/cases.repository';
import { dateInBerlin, type IsoDate } from '../../../shared/domain/common/dates';
import type { Entities, EntityName, RecordOf } from '../../../shared/entities/index';
import { AppError, type FieldIssue } from '../../../shared/errors';
import type { Role } from '../../../shared/auth/roles';
import type { LocalDb } from '../../db/local-db';
import type { Clock, IdGenerator, SyncedWriteResult, WriteContext } from '../../db/write-synced';

/** What every feature service gets: the database, time, ids and who acts (never a name). */
export interface ServiceDeps {
  /** The open database, or a getter (the store's db() throws VAULT_LOCKED while locked). */
  readonly db: Kysely<LocalDb> | (() => Kysely<LocalDb>);
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** The signed-in caseworker's user id (stamped on rows; never a name). */
  readonly actorId?: string | (() => string);
  /**
   * The signed-in user's role (from the server at sign-in; caseworker without a server). Every
   * write of case content goes through `serviceKit(...).write`, which refuses it for a team lead:
   * team leads read case content and write only the quality review (issue 15 item 4).
   */
  readonly role?: Role | (() => Role);
}

/** The refusal of a team lead's write of case content (the server refuses such a push as well). */
export function caseContentReadOnly(role: Role): AppError {
  return new AppError(
    'FORBIDDEN',
    role === 'team_lead'
      ? 'Als Teamleitung können Sie Fallinhalte nur lesen.'
      : 'Ihre Rolle darf Fallinhalte nur lesen.',
  );
}

/** A stored record in domain terms with its row version, as it crosses IPC. */
export type Dto<E extends EntityName> = SyncedWriteResult<E>['record'] & { rowVersion: number };

export function dtoOf<E extends EntityName>(result: SyncedWriteResult<E>): Dto<E> {
  return { ...result.record, rowVersion: result.rowVersion } as Dto<E>;
}

/** The shared plumbing of the write services: one transaction per call, one local tx id. */
export function serviceKit(deps: ServiceDeps) {
  const db = () => (typeof deps.db === 'function' ? deps.db() : deps.db);
  const actor = () => (typeof deps.actorId === 'function' ? deps.actorId() : (deps.actorId ?? 'local-user'));
  const now = () => deps.clock.now();
  /** Today at the offices (Europe/Berlin). */
  const today = (): IsoDate => dateInBerlin(deps.clock.now());
  const role = (): Role => (typeof deps.role === 'function' ? deps.role() : (deps.role ?? 'caseworker'));
  function transact<T>(work: (trx: Transaction<LocalDb>, ctx: WriteContext) => Promise<T>): Promise<T> {
    const ctx: WriteContext = {
      clock: deps.clock,
      ids: deps.ids,
      actorId: actor(),
      localTxId: deps.ids.newId(),
    };
    return db()
      .transaction()
      .execute((trx) => work(trx, ctx));
  }
  return {
    db,
    actor,
    now,
    today,
    role,
    newId: () => deps.ids.newId(),
    /**
     * Runs `work` in ONE transaction with one write context (all outbox entries share a tx id).
     * The one gate of case content on the desktop: only a caseworker writes it; a team lead (or
     * any other role) is refused before anything is read.
     */
    write<T>(work: (trx: Transaction<LocalDb>, ctx: WriteContext) => Promise<T>): Promise<T> {
      const who = role();
      if (who !== 'caseworker') return Promise.reject(caseContentReadOnly(who));
      return transact(work);
    },
    /**
     * The quality review's records (case audits, correction tasks) for both roles: the caller
     * checks who may write what (case-review.ts) before it writes.
     */
    writeReview<T>(work: (trx: Transaction<LocalDb>, ctx: WriteContext) => Promise<T>): Promise<T> {
      return transact(work);
    },
  };
}

export type ServiceKit = ReturnType<typeof serviceKit>;

/** A stored record in domain terms with its row version. */
export type Stored<E extends EntityName> = RecordOf<Entities[E]['fields']> & { rowVersion: number };

const liveOrNot = <E extends EntityName>(trx: Transaction<LocalDb>, entity: E, id: string) =>
  getRecord(trx, entity, id, { live: true });

/** A live (not archived) record, or NOT_FOUND. */
export async function requireLive<E extends EntityName>(
  trx: Transaction<LocalDb>,
  entity: E,
  id: string,
): Promise<Stored<E>> {
  const found = await liveOrNot(trx, entity, id);
  if (!found) throw new AppError('NOT_FOUND');
  return found;
}

/** A live record that belongs to `caseId` (a reference across cases is refused). */
export async function requireInCase<E extends EntityName>(
  trx: Transaction<LocalDb>,
  entity: E,
  id: string,
  caseId: string,
  path: string,
): Promise<Stored<E>> {
  const found = await liveOrNot(trx, entity, id);
  if (!found || found.caseId !== caseId)
    throw new AppError('VALIDATION_FAILED', undefined, {
      issues: [{ path, message: 'Der angegebene Datensatz gehört nicht zu diesem Fall oder fehlt.' }],
    });
  return found;
}

/** A German refusal of a domain rule, with the domain's list of problems as issues. */
export function ruleViolated(
  message: string,
  details: readonly string[] = [],
  code: 'DOMAIN_RULE_VIOLATED' | 'INVALID_TRANSITION' = 'DOMAIN_RULE_VIOLATED',
): AppError {
  const issues: FieldIssue[] = details.slice(0, 50).map((d) => ({ path: '_record', message: d }));
  return new AppError(code, message, issues.length > 0 ? { issues } : undefined);
}

/** Refuses a date after today (things are recorded when they happened, not ahead). */
export function notInFuture(date: IsoDate, today: IsoDate, path: string): void {
  if (date > today)
    throw new AppError('VALIDATION_FAILED', undefined, {
      issues: [{ path, message: 'Das Datum darf nicht in der Zukunft liegen.' }],
    });
}

export type EntityFields<E extends EntityName> = Entities[E]['fields'];
