/**
 * Ed25519 signatures of the Linux update artifacts (README „Paketieren und Aktualisieren“):
 *
 *   tsx scripts/packaging/sign-linux-updates.ts prepare   # before electron-builder: the public key
 *                                                         #   → .package/update-signing-key.pem (shipped)
 *   tsx scripts/packaging/sign-linux-updates.ts sign      # after it: dist/<artifact>.sig for every
 *                                                         #   file of dist/latest-linux.yml
 *
 * LOTSE_UPDATE_SIGNING_KEY_FILE: the Ed25519 private key (PEM, PKCS#8), never committed.
 * LOTSE_UPDATE_SIGNING_PUBLIC_KEY_FILE: only the public key (prepare on a machine without the
 * private key). Without a key a development build ships no public key, and the installed app then
 * refuses Linux updates; LOTSE_RELEASE=1 makes a missing key an error.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import {
  PUBLIC_KEY_FILE,
  SIGNATURE_SUFFIX,
  publicKeyPemOf,
  sha512HexOfFile,
  signUpdate,
} from '../../src/main/updates/update-signature';

type Env = Record<string, string | undefined>;

export class SigningError extends Error {
  override readonly name = 'SigningError';
}

function readKey(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new SigningError(`${what} ist nicht lesbar: ${path}`);
  }
}

/** Writes the public key to `<outDir>/update-signing-key.pem`; returns its path or null. */
export function prepareKey(env: Env, outDir: string): string | null {
  let publicPem: string | null = null;
  if (env['LOTSE_UPDATE_SIGNING_KEY_FILE']) {
    try {
      publicPem = publicKeyPemOf(
        readKey(env['LOTSE_UPDATE_SIGNING_KEY_FILE'], 'LOTSE_UPDATE_SIGNING_KEY_FILE'),
      );
    } catch (error) {
      if (error instanceof SigningError) throw error;
      throw new SigningError('LOTSE_UPDATE_SIGNING_KEY_FILE enthält keinen gültigen privaten Schlüssel.');
    }
  } else if (env['LOTSE_UPDATE_SIGNING_PUBLIC_KEY_FILE']) {
    publicPem = readKey(env['LOTSE_UPDATE_SIGNING_PUBLIC_KEY_FILE'], 'LOTSE_UPDATE_SIGNING_PUBLIC_KEY_FILE');
  }
  if (publicPem === null) {
    if (env['LOTSE_RELEASE'] === '1')
      throw new SigningError('Release-Build ohne LOTSE_UPDATE_SIGNING_KEY_FILE abgelehnt (Linux-Updates).');
    return null;
  }
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, PUBLIC_KEY_FILE);
  writeFileSync(path, publicPem);
  return path;
}

/** Signs every file named in `<distDir>/latest-linux.yml`; returns the written .sig paths. */
export async function signArtifacts(env: Env, distDir: string): Promise<string[]> {
  const keyFile = env['LOTSE_UPDATE_SIGNING_KEY_FILE'];
  if (!keyFile) {
    if (env['LOTSE_RELEASE'] === '1')
      throw new SigningError('Release-Build ohne LOTSE_UPDATE_SIGNING_KEY_FILE abgelehnt (Linux-Updates).');
    return [];
  }
  const privatePem = readKey(keyFile, 'LOTSE_UPDATE_SIGNING_KEY_FILE');
  const feedPath = join(distDir, 'latest-linux.yml');
  if (!existsSync(feedPath)) throw new SigningError(`${feedPath} fehlt: zuerst electron-builder --linux.`);
  const feed = parse(readFileSync(feedPath, 'utf8')) as { files?: { url?: unknown }[] };
  const written: string[] = [];
  for (const entry of feed.files ?? []) {
    if (typeof entry.url !== 'string' || entry.url.includes('/') || entry.url.includes('\\'))
      throw new SigningError('latest-linux.yml nennt einen ungültigen Dateinamen.');
    const file = join(distDir, entry.url);
    const sigPath = `${file}${SIGNATURE_SUFFIX}`;
    writeFileSync(sigPath, `${signUpdate(privatePem, entry.url, await sha512HexOfFile(file))}\n`);
    written.push(sigPath);
  }
  return written;
}

async function main(): Promise<void> {
  const [mode] = process.argv.slice(2);
  const root = resolve(import.meta.dirname, '..', '..');
  if (mode === 'prepare') {
    const path = prepareKey(process.env, join(root, '.package'));
    process.stdout.write(
      path
        ? `Öffentlicher Update-Schlüssel für das Paket: ${path}\n`
        : 'Kein Update-Signaturschlüssel: das Paket lädt keine Linux-Updates (nur für Entwicklungs-Builds).\n',
    );
  } else if (mode === 'sign') {
    const written = await signArtifacts(process.env, join(root, 'dist'));
    process.stdout.write(
      written.length > 0
        ? `Signiert: ${written.length} Linux-Datei(en).\n`
        : 'Linux-Updates nicht signiert (kein Schlüssel).\n',
    );
  } else {
    throw new SigningError('Aufruf: sign-linux-updates.ts prepare | sign');
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
