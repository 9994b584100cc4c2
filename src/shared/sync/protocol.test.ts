import { describe, expect, it } from 'vitest';
import { ENTITIES } from '../entities/index';
import { checkEntityFields, SYNC_ENTITIES } from './entities';
import { mutationSchema, pushRequestSchema } from './protocol';

const valid = {
  seq: 1,
  mutationId: '5e0c7f1a-1111-4222-8333-000000000001',
  localTxId: 't1',
  hlc: '000001772438400000-00000-abc'.slice(3),
  entity: 'notes',
  entityId: 'N-1',
  caseId: 'C-1',
  op: 'update',
  fields: { body: { value: 'x', baseVersion: 1 } },
  baseRowVersion: 1,
};

describe('sync protocol schemas', () => {
  it('accepts a well-formed mutation and rejects unknown keys and bad ids', () => {
    expect(mutationSchema.safeParse(valid).success).toBe(true);
    expect(mutationSchema.safeParse({ ...valid, extra: 1 }).success).toBe(false);
    expect(mutationSchema.safeParse({ ...valid, caseId: '../x' }).success).toBe(false);
    expect(mutationSchema.safeParse({ ...valid, entity: '../users' }).success).toBe(false);
    expect(checkEntityFields('users', {})[0]?.field).toBe('_entity');
  });

  it('limits a push to 500 mutations', () => {
    const mutations = Array.from({ length: 501 }, (_, i) => ({ ...valid, seq: i + 1 }));
    const body = { clientId: '7d1f6d0e-8a2b-4c1e-9f3a-000000000001', schemaVersion: 1, mutations };
    expect(pushRequestSchema.safeParse(body).success).toBe(false);
  });

  it('has a field map for every synced entity and checks names and values', () => {
    for (const entity of SYNC_ENTITIES)
      expect(Object.keys(ENTITIES[entity].fields).length).toBeGreaterThan(0);
    expect(checkEntityFields('cases', { status: 'aktiv' })).toEqual([]);
    expect(checkEntityFields('cases', { status: 'gelöscht' })).toHaveLength(1);
    expect(checkEntityFields('persons', { password: 'x' })[0]?.field).toBe('password');
    expect(
      checkEntityFields('persons', { __proto__: 1, constructor: 'x' } as Record<string, unknown>),
    ).toHaveLength(1);
  });
});
