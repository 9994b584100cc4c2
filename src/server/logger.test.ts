import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Person } from '../shared/domain/case/person';
import type { PushRequest } from '../shared/sync/protocol';
import { createLogger } from './app';
import { testConfig } from './config';
import type { RefreshTokensTable, UsersTable } from './db/tables/identity.table';
import type {
  SyncConflictsTable,
  SyncQuarantineTable,
  SyncRecordsTable,
  TextFieldHistoryTable,
} from './db/tables/sync.table';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  return { logger: createLogger(testConfig({ LOG_LEVEL: 'info' }), destination), out: () => lines.join('') };
}

/**
 * The server's columns that hold personal data or secrets, and the wire names of a person's fields
 * (the domain's names), typed against the real tables and records: a rename fails the typecheck.
 */
const SERVER_COLUMNS = [
  'data',
  'base',
  'kept_value',
  'other_value',
  'value',
  'payload',
  'username',
  'display_name',
  'password_hash',
  'token_hash',
] as const satisfies ReadonlyArray<
  | keyof SyncRecordsTable
  | keyof SyncConflictsTable
  | keyof TextFieldHistoryTable
  | keyof SyncQuarantineTable
  | keyof UsersTable
  | keyof RefreshTokensTable
>;

const WIRE_FIELDS = [
  'firstName',
  'lastName',
  'birthDate',
  'customerNumber',
  'nationality',
  'disability',
  'expectedReleaseDate',
] as const satisfies ReadonlyArray<keyof Person>;

describe('server logger', () => {
  it.each([
    ...SERVER_COLUMNS,
    ...WIRE_FIELDS,
    'body',
    'title',
    'street',
    'phone',
    'email',
    'refreshToken',
    'password',
  ])('redacts %s at any depth and in child loggers', (name) => {
    const { logger, out } = capture();
    const secret = `GEHEIM-${name}`;
    logger.info({ [name]: secret, caseId: 'c-1' }, 'top level');
    logger.info({ row: { rows: [{ [name]: secret }] } }, 'nested');
    logger
      .child({ reqId: 'req-1' })
      .child({ [name]: secret })
      .info('child');
    expect(out()).not.toContain(secret);
    expect(out().match(/\[entfernt\]/g)).toHaveLength(3);
    expect(out()).toContain('c-1');
    expect(out()).toContain('req-1');
  });

  it('a push logged by mistake shows its ids, not the values it carries', () => {
    const { logger, out } = capture();
    const push = {
      clientId: '5e0c7f1a-1111-4222-8333-000000000001',
      schemaVersion: 30,
      mutations: [
        {
          seq: 1,
          mutationId: '5e0c7f1a-1111-4222-8333-000000000002',
          localTxId: 'tx-1',
          hlc: '001772438400000-00000-abcdefgh',
          entity: 'persons',
          entityId: 'p-1',
          caseId: 'c-1',
          op: 'update',
          fields: { lastName: { value: 'Kleinschmidt-Öztürk', baseVersion: 2 } },
          baseRowVersion: 4,
        },
      ],
    } satisfies PushRequest;
    logger.warn({ event: 'push.slow', push, req: { headers: { authorization: 'Bearer eyJ.geheim' } } }, 'x');
    expect(out()).not.toContain('Kleinschmidt');
    expect(out()).not.toContain('eyJ.geheim');
    expect(out()).toContain('"entityId":"p-1"');
  });
});
