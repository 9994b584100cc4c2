import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';

/**
 * Signature check of Linux updates (issue 13, item 5). electron-updater verifies Windows (NSIS)
 * updates against the code-signing publisher, but an AppImage only against the sha512 in the feed,
 * which whoever controls the feed also controls. Lotse therefore signs every Linux artifact at
 * packaging with an Ed25519 key from the environment (LOTSE_UPDATE_SIGNING_KEY_FILE,
 * scripts/packaging/sign-linux-updates.ts), ships the public key with the app
 * (resources/update-signing-key.pem) and installs a downloaded update only when its detached
 * signature (<artifact>.sig, served beside it) verifies.
 */
export const SIGNATURE_SUFFIX = '.sig';
export const PUBLIC_KEY_FILE = 'update-signing-key.pem';

/** The signed message: domain tag, file name and the file's SHA-512 (hex). */
export function signatureMessage(fileName: string, sha512Hex: string): Buffer {
  return Buffer.from(`lotse-update.v1\n${fileName}\n${sha512Hex}\n`, 'utf8');
}

export async function sha512HexOfFile(path: string): Promise<string> {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Base64 Ed25519 signature (packaging side). */
export function signUpdate(privateKeyPem: string, fileName: string, sha512Hex: string): string {
  const key = createPrivateKey(privateKeyPem);
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error('Der Signaturschlüssel muss ein Ed25519-Schlüssel sein.');
  return sign(null, signatureMessage(fileName, sha512Hex), key).toString('base64');
}

/** The public half as PEM (shipped with the app). */
export function publicKeyPemOf(privateKeyPem: string): string {
  return createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'pem' }).toString();
}

/** Whether the signature is valid; never throws (bad key, bad base64 → false). */
export function verifyUpdateSignature(
  publicKeyPem: string,
  fileName: string,
  sha512Hex: string,
  signatureB64: string,
): boolean {
  try {
    const key = createPublicKey(publicKeyPem);
    if (key.asymmetricKeyType !== 'ed25519') return false;
    const signature = Buffer.from(signatureB64.trim(), 'base64');
    if (signature.length !== 64) return false;
    return verify(null, signatureMessage(fileName, sha512Hex), key, signature);
  } catch {
    return false;
  }
}

/**
 * The check the updater runs on a downloaded file: find the feed entry with the file's SHA-512,
 * fetch `<feed>/<that file>.sig` and verify it. `fetchText` returns the body of a 200 response or
 * null.
 */
export function createDownloadVerifier(options: {
  publicKeyPem: string;
  feedUrl: string;
  fetchText: (url: string) => Promise<string | null>;
}): (downloadedFile: string, files: readonly { url: string; sha512: string }[]) => Promise<boolean> {
  return async (downloadedFile, files) => {
    const hex = await sha512HexOfFile(downloadedFile);
    const b64 = Buffer.from(hex, 'hex').toString('base64');
    const entry = files.find((f) => f.sha512 === b64);
    if (!entry) return false;
    const fileName = basename(entry.url);
    const signature = await options.fetchText(
      `${options.feedUrl}/${encodeURIComponent(fileName)}${SIGNATURE_SUFFIX}`,
    );
    if (signature === null) return false;
    return verifyUpdateSignature(options.publicKeyPem, fileName, hex, signature);
  };
}
