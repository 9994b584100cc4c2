/**
 * Packaging (issue 13): the committed electron-builder.yml and the merged configuration of a build
 * keep the fuses, the per-machine installers, the separate native build, the https-only feed and
 * the signing settings from the environment; electron-builder's own schema validation accepts it.
 * No Electron binary is needed. Every rule is also shown to fail on a configuration that breaks it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import entryPoint from '../../electron-builder.config.mjs';
import {
  builderConfig,
  feedUrlFromEnv,
  policyProblems,
  REQUIRED_FUSES,
  signingFromEnv,
} from '../../scripts/packaging/builder-config.mjs';
import { loadAndValidate } from '../../scripts/packaging/check-builder-config.mjs';

type Config = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const ROOT = join(import.meta.dirname, '..', '..');
const committed = (): Config => parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Config;
const RELEASE_ENV = {
  LOTSE_RELEASE: '1',
  LOTSE_WIN_PUBLISHER_NAME: 'Jobcenter Nordsachsen',
  LOTSE_WIN_CERT_SUBJECT: 'Jobcenter Nordsachsen',
  LOTSE_UPDATE_FEED_URL: 'https://lotse.example.invalid/updates/pilot/',
};

describe('electron-builder.yml', () => {
  it('meets every packaging rule', () => {
    const yml = committed();
    expect(policyProblems(yml)).toEqual([]);
    expect(yml.electronFuses).toMatchObject(REQUIRED_FUSES);
    expect(yml.asarUnpack).toContain('node_modules/better-sqlite3-multiple-ciphers/**/*.node');
    expect(yml.files).toContain('!node_modules/better-sqlite3-multiple-ciphers/{build,deps,src,docs}/**');
    expect(yml.nsis).toMatchObject({ perMachine: true, oneClick: false, language: '1031' });
  });

  it.each([
    ['a fuse missing', (c: Config) => delete c.electronFuses.runAsNode, /runAsNode/],
    ['a fuse flipped', (c: Config) => (c.electronFuses.onlyLoadAppFromAsar = false), /onlyLoadAppFromAsar/],
    [
      'asar integrity off',
      (c: Config) => (c.electronFuses.enableEmbeddedAsarIntegrityValidation = false),
      /Integrity/,
    ],
    [
      'NODE_OPTIONS on',
      (c: Config) => (c.electronFuses.enableNodeOptionsEnvironmentVariable = true),
      /NodeOptions/,
    ],
    ['--inspect on', (c: Config) => (c.electronFuses.enableNodeCliInspectArguments = true), /Inspect/],
    ['no fuses', (c: Config) => delete c.electronFuses, /Fuse/],
    ['an http feed', (c: Config) => (c.publish.url = 'http://lotse.example/updates'), /https/],
    [
      'update signature check off',
      (c: Config) => (c.win.verifyUpdateCodeSignature = false),
      /verifyUpdateCodeSignature/,
    ],
    [
      'a committed publisher name',
      (c: Config) => (c.win.signtoolOptions.publisherName = 'X'),
      /publisherName/,
    ],
    [
      'a committed certificate password',
      (c: Config) => (c.win.signtoolOptions.certificatePassword = 'geheim'),
      /certificatePassword/,
    ],
    ['per-user NSIS', (c: Config) => (c.nsis.perMachine = false), /perMachine/],
    ['no MSI', (c: Config) => (c.win.target = [{ target: 'nsis' }]), /msi/],
    ['no deb', (c: Config) => (c.linux.target = ['AppImage']), /deb/],
    ['an English installer', (c: Config) => (c.nsis.installerLanguages = ['en_US']), /de_DE/],
    ['rebuild in place', (c: Config) => (c.npmRebuild = true), /npmRebuild/],
    ['native module inside the asar', (c: Config) => (c.asarUnpack = ['resources/**']), /\*\.node/],
    ['no Electron build shipped', (c: Config) => (c.extraResources = []), /native\/electron/],
    ['no update public key shipped', (c: Config) => c.extraResources.pop(), /update-signing-key/],
    ['another product name', (c: Config) => (c.productName = 'lotse-app'), /Lotse/],
  ])('fails with %s', (_name, breakIt, message) => {
    const broken = committed();
    breakIt(broken);
    expect(policyProblems(broken).join('\n')).toMatch(message);
  });
});

describe('signing and feed from the environment', () => {
  it('takes the Windows signing settings from the environment only', () => {
    expect(signingFromEnv({})).toEqual({ signtoolOptions: {}, forceCodeSigning: false });
    const s = signingFromEnv({
      LOTSE_WIN_PUBLISHER_NAME: ' Jobcenter Nordsachsen ',
      LOTSE_WIN_CERT_SHA1: 'ab12',
      LOTSE_WIN_SIGN_HOOK: 'tools/sign.cjs',
      LOTSE_WIN_TIMESTAMP_URL: 'http://timestamp.example',
    });
    expect(s.signtoolOptions).toMatchObject({
      publisherName: 'Jobcenter Nordsachsen',
      certificateSha1: 'ab12',
      rfc3161TimeStampServer: 'http://timestamp.example',
    });
    expect(s.signtoolOptions.sign).toMatch(/tools[/\\]sign\.cjs$/);
    expect(() => signingFromEnv({ LOTSE_WIN_TIMESTAMP_URL: 'ftp://x' })).toThrow(/Zeitstempel|http/);
  });

  it('refuses a release build without a signer or without the publisher name', () => {
    expect(() => signingFromEnv({ LOTSE_RELEASE: '1' })).toThrow(/LOTSE_WIN_PUBLISHER_NAME.*CSC_LINK/);
    expect(() => signingFromEnv({ LOTSE_RELEASE: '1', LOTSE_WIN_PUBLISHER_NAME: 'X' })).toThrow(/eines von/);
    expect(() => signingFromEnv({ LOTSE_RELEASE: '1', CSC_LINK: 'cert.pfx' })).toThrow(/PUBLISHER/);
    expect(signingFromEnv({ LOTSE_RELEASE: '1', LOTSE_WIN_PUBLISHER_NAME: 'X', CSC_LINK: 'c.pfx' })).toEqual({
      signtoolOptions: { publisherName: 'X' },
      forceCodeSigning: true,
    });
  });

  it('accepts only an https update feed', () => {
    expect(feedUrlFromEnv({})).toBe('https://lotse.jobcenter-nordsachsen.invalid/updates/stable');
    expect(feedUrlFromEnv({ LOTSE_UPDATE_FEED_URL: 'https://x.example/updates/pilot/' })).toBe(
      'https://x.example/updates/pilot',
    );
    expect(() => feedUrlFromEnv({ LOTSE_UPDATE_FEED_URL: 'http://x.example/updates' })).toThrow(/https/);
    expect(() => feedUrlFromEnv({ LOTSE_UPDATE_FEED_URL: 'kein url' })).toThrow(/keine gültige Adresse/);
  });

  it('the entry point electron-builder loads is the yml plus the environment', () => {
    expect(entryPoint()).toEqual(builderConfig(process.env));
    expect(builderConfig({})).toMatchObject({ extends: 'electron-builder.yml', forceCodeSigning: false });
  });
});

describe('electron-builder’s own validation', () => {
  it('accepts the merged configuration of a release build, which meets the rules', async () => {
    const { merged, problems } = await loadAndValidate(RELEASE_ENV, ROOT);
    expect(problems).toEqual([]);
    expect(merged.win.signtoolOptions).toMatchObject({
      publisherName: 'Jobcenter Nordsachsen',
      certificateSubjectName: 'Jobcenter Nordsachsen',
      signingHashAlgorithms: ['sha256'],
    });
    expect(merged.publish).toMatchObject({
      provider: 'generic',
      url: 'https://lotse.example.invalid/updates/pilot',
    });
    expect(merged.electronFuses).toMatchObject(REQUIRED_FUSES);
  });

  it('rejects an option electron-builder does not know', async () => {
    const { validateConfiguration } = await import('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = await import('builder-util');
    const broken = committed();
    broken.nsis.silentSwitch = true;
    await expect(validateConfiguration(broken as never, new DebugLogger(false))).rejects.toThrow(
      /configuration.nsis/,
    );
  });
});
