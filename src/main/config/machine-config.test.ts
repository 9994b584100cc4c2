import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  effectivePolicies,
  loadMachineConfig,
  machineConfigPath,
  parseMachineConfig,
  SAFE_DEFAULTS,
} from './machine-config';

const dir = mkdtempSync(join(tmpdir(), 'lotse-machine-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, content: string) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe('machineConfigPath', () => {
  it('is machine-wide; the environment may redirect it only outside an installed build', () => {
    expect(machineConfigPath('linux', {}, true)).toBe('/etc/lotse/config.json');
    expect(machineConfigPath('win32', { ProgramData: 'D:\\PD' }, true)).toMatch(
      /^D:\\PD[\\/]Lotse[\\/]config\.json$/,
    );
    expect(machineConfigPath('win32', {}, true)).toMatch(/ProgramData[\\/]Lotse[\\/]config\.json$/);
    expect(machineConfigPath('linux', { LOTSE_MACHINE_CONFIG: '/tmp/x.json' }, true)).toBe(
      '/etc/lotse/config.json',
    );
    expect(machineConfigPath('linux', { LOTSE_MACHINE_CONFIG: '/tmp/x.json' }, false)).toBe('/tmp/x.json');
  });
});

describe('loadMachineConfig', () => {
  it('reads a complete file', () => {
    const path = write(
      'ok.json',
      '\uFEFF' +
        JSON.stringify({
          serverUrl: 'https://lotse.jobcenter.example/',
          officeId: 'oschatz',
          updateChannel: 'pilot',
          policies: { autoLockMinutes: 10, offlineLeaseHours: 48 },
        }),
    );
    expect(loadMachineConfig(path)).toEqual({
      ok: true,
      path,
      config: {
        serverUrl: 'https://lotse.jobcenter.example',
        officeId: 'oschatz',
        updateChannel: 'pilot',
        updatesEnabled: true,
        policies: { autoLockMinutes: 10, offlineLeaseHours: 48 },
      },
    });
  });

  it('fills the defaults of a minimal file', () => {
    const r = loadMachineConfig(write('min.json', '{"serverUrl":"https://lotse.example"}'));
    expect(r.ok && r.config).toMatchObject({
      officeId: null,
      updateChannel: 'stable',
      policies: { autoLockMinutes: 15, offlineLeaseHours: 72 },
    });
  });

  it('gives a German message and the safe defaults for a missing, malformed, oversized or odd file', () => {
    const missing = loadMachineConfig(join(dir, 'fehlt.json'));
    expect(missing).toMatchObject({ ok: false, reason: 'missing', config: SAFE_DEFAULTS });
    expect(missing.ok || missing.message).toMatch(/Keine Gerätekonfiguration.*nur lokal/);
    expect(loadMachineConfig(write('bad.json', '{serverUrl:'))).toMatchObject({
      reason: 'malformed',
      config: SAFE_DEFAULTS,
    });
    expect(loadMachineConfig(write('big.json', `{"x":"${'a'.repeat(70_000)}"}`))).toMatchObject({
      reason: 'too_large',
    });
    mkdirSync(join(dir, 'ordner.json'), { recursive: true });
    expect(loadMachineConfig(join(dir, 'ordner.json'))).toMatchObject({ reason: 'unreadable' });
    expect(SAFE_DEFAULTS).toMatchObject({ serverUrl: null, updatesEnabled: false });
  });

  it.each([
    ['http to a remote server', { serverUrl: 'http://lotse.example' }, /https-Adresse/],
    ['credentials in the URL', { serverUrl: 'https://a:b@lotse.example' }, /ohne Zugangsdaten/],
    ['no URL at all', { officeId: 'oschatz' }, /serverUrl/],
    ['an unknown office', { serverUrl: 'https://l.example', officeId: 'berlin' }, /officeId/],
    ['an unknown channel', { serverUrl: 'https://l.example', updateChannel: 'beta' }, /pilot oder stable/],
    [
      'a weak auto-lock',
      { serverUrl: 'https://l.example', policies: { autoLockMinutes: 600 } },
      /autoLockMinutes/,
    ],
    [
      'a huge offline lease',
      { serverUrl: 'https://l.example', policies: { offlineLeaseHours: 10_000 } },
      /offlineLeaseHours/,
    ],
    ['an unknown key', { serverUrl: 'https://l.example', debug: true }, /unbekannte Angabe: debug/],
    ['a wrong type', { serverUrl: 'https://l.example', updatesEnabled: 'ja' }, /updatesEnabled/],
    ['an array', [], /ungültig/],
  ])('refuses %s with the safe defaults', (_name, content, message) => {
    const r = parseMachineConfig(JSON.stringify(content), '/etc/lotse/config.json');
    expect(r).toMatchObject({ ok: false, reason: 'invalid', config: SAFE_DEFAULTS });
    expect(r.ok || r.message).toMatch(message);
  });

  it('refuses prototype pollution and leaves Object.prototype alone', () => {
    const r = parseMachineConfig('{"serverUrl":"https://l.example","__proto__":{"polluted":true}}', 'x');
    expect(r.ok).toBe(false);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('accepts http only for a loopback server (demo)', () => {
    expect(parseMachineConfig('{"serverUrl":"http://127.0.0.1:8787"}', 'x').ok).toBe(true);
  });
});

describe('effectivePolicies', () => {
  const machine = { autoLockMinutes: 15, offlineLeaseHours: 72 };
  it('lets the user make the policies stricter, never weaker', () => {
    expect(effectivePolicies(machine)).toEqual(machine);
    expect(effectivePolicies(machine, { autoLockMinutes: 5, offlineLeaseHours: 24 })).toEqual({
      autoLockMinutes: 5,
      offlineLeaseHours: 24,
    });
    expect(effectivePolicies(machine, { autoLockMinutes: 60, offlineLeaseHours: 300 })).toEqual(machine);
    expect(effectivePolicies(machine, { autoLockMinutes: 0, offlineLeaseHours: 1.5 })).toEqual(machine);
  });
});
