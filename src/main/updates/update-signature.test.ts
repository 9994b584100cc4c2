import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createDownloadVerifier,
  publicKeyPemOf,
  sha512HexOfFile,
  signUpdate,
  verifyUpdateSignature,
} from './update-signature';

const pem = (k: { export(o: object): string | Buffer }, type: string) =>
  k.export({ type, format: 'pem' }).toString();
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const PRIVATE = pem(privateKey, 'pkcs8');
const PUBLIC = pem(publicKey, 'spki');
const other = generateKeyPairSync('ed25519');
const HASH = 'ab'.repeat(64);

describe('signUpdate / verifyUpdateSignature', () => {
  it('verifies what the packaging key signed, for exactly that file name and hash', () => {
    const sig = signUpdate(PRIVATE, 'Lotse-1.3.0.AppImage', HASH);
    expect(verifyUpdateSignature(PUBLIC, 'Lotse-1.3.0.AppImage', HASH, sig)).toBe(true);
    expect(verifyUpdateSignature(PUBLIC, 'Lotse-1.3.0.AppImage', HASH, `${sig}\n`)).toBe(true);
    expect(verifyUpdateSignature(PUBLIC, 'Lotse-1.2.0.AppImage', HASH, sig)).toBe(false);
    expect(verifyUpdateSignature(PUBLIC, 'Lotse-1.3.0.AppImage', 'cd'.repeat(64), sig)).toBe(false);
    expect(verifyUpdateSignature(pem(other.publicKey, 'spki'), 'Lotse-1.3.0.AppImage', HASH, sig)).toBe(
      false,
    );
    expect(publicKeyPemOf(PRIVATE)).toBe(PUBLIC);
  });

  it('says false, never throws, for broken signatures and keys', () => {
    const sig = signUpdate(PRIVATE, 'a', HASH);
    expect(verifyUpdateSignature(PUBLIC, 'a', HASH, 'kaputt')).toBe(false);
    expect(verifyUpdateSignature(PUBLIC, 'a', HASH, '')).toBe(false);
    expect(verifyUpdateSignature('kein Schlüssel', 'a', HASH, sig)).toBe(false);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(verifyUpdateSignature(pem(rsa.publicKey, 'spki'), 'a', HASH, sig)).toBe(false);
    expect(() => signUpdate(pem(rsa.privateKey, 'pkcs8'), 'a', HASH)).toThrow(/Ed25519/);
  });
});

describe('createDownloadVerifier', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lotse-sig-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'download.tmp');
  writeFileSync(file, 'AppImage-Inhalt');

  it('finds the feed entry by hash, fetches <feed>/<file>.sig and verifies it', async () => {
    const hex = await sha512HexOfFile(file);
    const files = [
      { url: 'Lotse-1.3.0.deb', sha512: 'anders' },
      { url: 'Lotse-1.3.0.AppImage', sha512: Buffer.from(hex, 'hex').toString('base64') },
    ];
    const served = new Map([
      [
        'https://l.example/updates/stable/Lotse-1.3.0.AppImage.sig',
        signUpdate(PRIVATE, 'Lotse-1.3.0.AppImage', hex),
      ],
    ]);
    const asked: string[] = [];
    const verifier = createDownloadVerifier({
      publicKeyPem: PUBLIC,
      feedUrl: 'https://l.example/updates/stable',
      fetchText: async (url) => {
        asked.push(url);
        return served.get(url) ?? null;
      },
    });
    expect(await verifier(file, files)).toBe(true);
    expect(asked).toEqual(['https://l.example/updates/stable/Lotse-1.3.0.AppImage.sig']);
    // no matching entry, no signature served, or a signature by another key: refused
    expect(await verifier(file, [files[0]!])).toBe(false);
    served.clear();
    expect(await verifier(file, files)).toBe(false);
    served.set(
      'https://l.example/updates/stable/Lotse-1.3.0.AppImage.sig',
      signUpdate(pem(other.privateKey, 'pkcs8'), 'Lotse-1.3.0.AppImage', hex),
    );
    expect(await verifier(file, files)).toBe(false);
  });
});
