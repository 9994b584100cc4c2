import { describe, expect, it } from 'vitest';
import { fakeHandlers } from '../../../tests/helpers/fake-handlers';
import { AppError } from '../../shared/errors';
import { silentLogger } from '../logging/logger';
import { createDispatch, type Handlers } from './dispatch';

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return fakeHandlers(overrides);
}

describe('dispatch', () => {
  it('answers an allow-listed channel with an ok Result', async () => {
    const dispatch = createDispatch(handlers(), silentLogger());
    const result = await dispatch('vault:status', undefined);
    expect(result).toEqual({
      ok: true,
      value: { state: 'locked', quickUnlockAvailable: false, autoLockMinutes: 15 },
    });
  });

  it('refuses an unknown channel with a code and calls nothing', async () => {
    const h = handlers();
    const dispatch = createDispatch(h, silentLogger());
    for (const channel of ['app:quit', 'constructor', '__proto__', 42, null]) {
      const result = await dispatch(channel, undefined);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('IPC_UNKNOWN_CHANNEL');
        expect(result.error.message).toMatch(/unbekannt/);
      }
    }
    expect(h['app:info']).not.toHaveBeenCalled();
    expect(h['vault:status']).not.toHaveBeenCalled();
  });

  it('refuses bad input with VALIDATION_FAILED and does not call the handler', async () => {
    const h = handlers();
    const dispatch = createDispatch(h, silentLogger());
    const result = await dispatch('app:info', { evil: true });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('VALIDATION_FAILED');
      expect(result.error.message).toMatch(/Eingaben/);
    }
    expect(h['app:info']).not.toHaveBeenCalled();
  });

  it('passes AppErrors through with their German message', async () => {
    const dispatch = createDispatch(
      handlers({
        'vault:status': () => {
          throw new AppError('VAULT_LOCKED');
        },
      }),
      silentLogger(),
    );
    const result = await dispatch('vault:status', undefined);
    expect(result).toEqual({
      ok: false,
      error: { code: 'VAULT_LOCKED', message: expect.stringMatching(/gesperrt/) },
    });
  });

  it('hides unexpected errors behind INTERNAL without stack or message', async () => {
    const dispatch = createDispatch(
      handlers({
        'vault:status': () => {
          throw new Error('secret detail about Müller');
        },
      }),
      silentLogger(),
    );
    const result = await dispatch('vault:status', undefined);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toMatch(/Müller|stack/);
    if (!result.ok) expect(result.error.code).toBe('INTERNAL');
  });

  it('strips fields the output schema does not declare', async () => {
    const dispatch = createDispatch(
      handlers({
        'vault:status': () =>
          ({
            state: 'unlocked',
            quickUnlockAvailable: true,
            autoLockMinutes: 15,
            dataKey: 'deadbeef',
          }) as never,
      }),
      silentLogger(),
    );
    const result = await dispatch('vault:status', undefined);
    expect(JSON.stringify(result)).not.toContain('deadbeef');
  });
});
