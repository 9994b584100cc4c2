/** Packaging side of the Linux update signatures: the public key to ship, one .sig per artifact. */
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareKey, signArtifacts } from '../../scripts/packaging/sign-linux-updates';
import { sha512HexOfFile, verifyUpdateSignature } from '../../src/main/updates/update-signature';

const root = mkdtempSync(join(tmpdir(), 'lotse-linux-sign-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const keyFile = join(root, 'update-key.pem');
writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
const PUBLIC = publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe('prepareKey', () => {
  it('writes the public half of the signing key for the package', () => {
    const path = prepareKey({ LOTSE_UPDATE_SIGNING_KEY_FILE: keyFile }, join(root, 'pkg'));
    expect(path).toBe(join(root, 'pkg', 'update-signing-key.pem'));
    expect(readFileSync(path!, 'utf8')).toBe(PUBLIC);
    const pubFile = join(root, 'pub.pem');
    writeFileSync(pubFile, PUBLIC);
    expect(
      readFileSync(
        prepareKey({ LOTSE_UPDATE_SIGNING_PUBLIC_KEY_FILE: pubFile }, join(root, 'pkg2'))!,
        'utf8',
      ),
    ).toBe(PUBLIC);
  });

  it('ships no key in a development build and refuses a release build without one', () => {
    expect(prepareKey({}, join(root, 'none'))).toBeNull();
    expect(() => prepareKey({ LOTSE_RELEASE: '1' }, join(root, 'none'))).toThrow(/Release-Build/);
    expect(() => prepareKey({ LOTSE_UPDATE_SIGNING_KEY_FILE: join(root, 'fehlt.pem') }, root)).toThrow(
      /nicht lesbar/,
    );
    const junk = join(root, 'junk.pem');
    writeFileSync(junk, 'kein Schlüssel');
    expect(() => prepareKey({ LOTSE_UPDATE_SIGNING_KEY_FILE: junk }, root)).toThrow(/keinen gültigen/);
  });
});

describe('signArtifacts', () => {
  it('signs every file of latest-linux.yml so that the desktop verifies it', async () => {
    const dist = join(root, 'dist');
    mkdirSync(dist);
    writeFileSync(join(dist, 'Lotse-1.3.0.AppImage'), 'appimage');
    writeFileSync(join(dist, 'lotse_1.3.0_amd64.deb'), 'deb');
    writeFileSync(
      join(dist, 'latest-linux.yml'),
      'version: 1.3.0\nfiles:\n  - url: Lotse-1.3.0.AppImage\n  - url: lotse_1.3.0_amd64.deb\n',
    );
    const written = await signArtifacts({ LOTSE_UPDATE_SIGNING_KEY_FILE: keyFile }, dist);
    expect(written).toHaveLength(2);
    for (const name of ['Lotse-1.3.0.AppImage', 'lotse_1.3.0_amd64.deb']) {
      const sig = readFileSync(join(dist, `${name}.sig`), 'utf8');
      expect(verifyUpdateSignature(PUBLIC, name, await sha512HexOfFile(join(dist, name)), sig)).toBe(true);
    }
    expect(await signArtifacts({}, dist)).toEqual([]);
    await expect(signArtifacts({ LOTSE_RELEASE: '1' }, dist)).rejects.toThrow(/Release-Build/);
    await expect(signArtifacts({ LOTSE_UPDATE_SIGNING_KEY_FILE: keyFile }, root)).rejects.toThrow(
      /latest-linux.yml fehlt/,
    );
    writeFileSync(join(dist, 'latest-linux.yml'), 'version: 1.3.0\nfiles:\n  - url: ../x\n');
    await expect(signArtifacts({ LOTSE_UPDATE_SIGNING_KEY_FILE: keyFile }, dist)).rejects.toThrow(
      /ungültigen Dateinamen/,
    );
  });
});
