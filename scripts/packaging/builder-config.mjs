// The electron-builder configuration of a build: electron-builder.yml (static, committed) extended
// with the settings that differ per build machine and must never be committed, taken from the
// environment. Plain data in, plain data out: tests/lint/packaging.test.ts checks it.
//
// Windows code signing (signtool; README „Paketieren und Aktualisieren“):
//   LOTSE_WIN_PUBLISHER_NAME  CN of the certificate, exactly; electron-updater checks updates
//                             against it (without it an NSIS update is installed unchecked)
//   LOTSE_WIN_CERT_SUBJECT    certificate in the Windows certificate store (subject name)
//   LOTSE_WIN_CERT_SHA1       … or its SHA1 thumbprint
//   CSC_LINK, CSC_KEY_PASSWORD  … or a .pfx file (electron-builder reads these itself)
//   LOTSE_WIN_SIGN_HOOK       … or a module that signs (HSM, signing service): signtoolOptions.sign
//   LOTSE_WIN_TIMESTAMP_URL   RFC 3161 time stamp server (default: electron-builder's)
// Update feed:
//   LOTSE_UPDATE_FEED_URL     https URL of the channel feed on the central server
// Release builds:
//   LOTSE_RELEASE=1           refuses to build unless signing and publisher name are set
//                             (forceCodeSigning: an unsigned build fails)
import { resolve } from 'node:path';

export const BASE_CONFIG = 'electron-builder.yml';

const DEFAULT_FEED = 'https://lotse.jobcenter-nordsachsen.invalid/updates/stable';

export class PackagingConfigError extends Error {
  name = 'PackagingConfigError';
}

const trimmed = (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** The update feed URL of the build; only https (http only for a loopback test server). */
export function feedUrlFromEnv(env) {
  const text = trimmed(env.LOTSE_UPDATE_FEED_URL) ?? DEFAULT_FEED;
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new PackagingConfigError(`LOTSE_UPDATE_FEED_URL ist keine gültige Adresse: ${text}`);
  }
  if (url.protocol !== 'https:') {
    throw new PackagingConfigError(
      'LOTSE_UPDATE_FEED_URL muss mit https:// beginnen (Aktualisierungen nur verschlüsselt).',
    );
  }
  return url.toString().replace(/\/$/, '');
}

/** win.signtoolOptions and forceCodeSigning from the environment. */
export function signingFromEnv(env) {
  const publisherName = trimmed(env.LOTSE_WIN_PUBLISHER_NAME);
  const certificateSubjectName = trimmed(env.LOTSE_WIN_CERT_SUBJECT);
  const certificateSha1 = trimmed(env.LOTSE_WIN_CERT_SHA1);
  const signHook = trimmed(env.LOTSE_WIN_SIGN_HOOK);
  const timestamp = trimmed(env.LOTSE_WIN_TIMESTAMP_URL);
  const pfx = trimmed(env.CSC_LINK) ?? trimmed(env.WIN_CSC_LINK);
  const release = env.LOTSE_RELEASE === '1';
  const hasSigner = Boolean(certificateSubjectName || certificateSha1 || signHook || pfx);
  if (release) {
    const missing = [];
    if (!publisherName) missing.push('LOTSE_WIN_PUBLISHER_NAME');
    if (!hasSigner)
      missing.push('eines von LOTSE_WIN_CERT_SUBJECT, LOTSE_WIN_CERT_SHA1, LOTSE_WIN_SIGN_HOOK, CSC_LINK');
    if (missing.length > 0) {
      throw new PackagingConfigError(
        `Release-Build ohne Signatur abgelehnt. Es fehlt: ${missing.join('; ')}.`,
      );
    }
  }
  if (timestamp && !timestamp.startsWith('https://') && !timestamp.startsWith('http://')) {
    throw new PackagingConfigError('LOTSE_WIN_TIMESTAMP_URL ist keine http(s)-Adresse.');
  }
  const signtoolOptions = {
    ...(publisherName ? { publisherName } : {}),
    ...(certificateSubjectName ? { certificateSubjectName } : {}),
    ...(certificateSha1 ? { certificateSha1 } : {}),
    ...(signHook ? { sign: resolve(signHook) } : {}),
    ...(timestamp ? { rfc3161TimeStampServer: timestamp } : {}),
  };
  return { signtoolOptions, forceCodeSigning: release };
}

/** The configuration electron-builder receives (extends electron-builder.yml). */
export function builderConfig(env) {
  const { signtoolOptions, forceCodeSigning } = signingFromEnv(env);
  return {
    extends: BASE_CONFIG,
    forceCodeSigning,
    win: { signtoolOptions },
    publish: { provider: 'generic', url: feedUrlFromEnv(env) },
  };
}

/** The fuse values every packaged Lotse binary must carry. */
export const REQUIRED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
};

/** Settings that only the environment may give (never in the committed electron-builder.yml). */
export const SECRET_SIGNING_KEYS = [
  'certificateFile',
  'certificatePassword',
  'certificateSubjectName',
  'certificateSha1',
  'publisherName',
  'sign',
];

const targetsOf = (platform) =>
  (Array.isArray(platform?.target) ? platform.target : [platform?.target]).map((t) =>
    typeof t === 'string' ? t : t?.target,
  );

/**
 * What is wrong with a configuration (German, one line each); empty when it meets the packaging
 * rules of issue 13. `committed` = the parsed electron-builder.yml, `merged` = what electron-builder
 * sees after builderConfig (optional), `release` = a release build's environment was used.
 */
export function policyProblems(committed, merged = committed, { release = false } = {}) {
  const problems = [];
  const need = (ok, text) => {
    if (!ok) problems.push(text);
  };
  need(merged.appId === 'de.jobcenter-nordsachsen.lotse', 'appId fehlt oder ist falsch.');
  need(merged.productName === 'Lotse', 'productName muss „Lotse“ sein.');
  for (const [fuse, value] of Object.entries(REQUIRED_FUSES)) {
    need(merged.electronFuses?.[fuse] === value, `Electron-Fuse ${fuse} muss ${value} sein.`);
  }
  need(merged.asar !== false, 'asar muss eingeschaltet sein.');
  need(
    (merged.asarUnpack ?? []).some((p) => p.endsWith('*.node')),
    'asarUnpack muss die nativen Module (*.node) auspacken.',
  );
  need(
    (merged.extraResources ?? []).some((r) => r?.from === 'native/electron' && r?.to === 'native'),
    'extraResources muss die Electron-Anbindung (native/electron → native) mitliefern.',
  );
  need(
    (merged.extraResources ?? []).some(
      (r) => r?.from === '.package' && (r?.filter ?? []).includes('update-signing-key.pem'),
    ),
    'extraResources muss den öffentlichen Update-Schlüssel (.package/update-signing-key.pem) mitliefern.',
  );
  need(merged.npmRebuild === false, 'npmRebuild muss false sein (node_modules behalten den Node-Build).');
  const win = targetsOf(merged.win);
  need(win.includes('nsis') && win.includes('msi'), 'Windows-Ziele: nsis und msi.');
  need(
    merged.nsis?.perMachine === true && merged.nsis?.oneClick === false,
    'NSIS: perMachine, nicht oneClick.',
  );
  need(
    (merged.nsis?.installerLanguages ?? []).includes('de_DE'),
    'NSIS: Installationssprache Deutsch (de_DE).',
  );
  need(
    merged.msi?.perMachine === true && typeof merged.msi?.upgradeCode === 'string',
    'MSI: perMachine mit festem upgradeCode.',
  );
  const linux = targetsOf(merged.linux);
  need(linux.includes('AppImage') && linux.includes('deb'), 'Linux-Ziele: AppImage und deb.');
  need(merged.win?.verifyUpdateCodeSignature !== false, 'win.verifyUpdateCodeSignature darf nicht aus sein.');
  const publish = Array.isArray(merged.publish) ? merged.publish : [merged.publish];
  need(
    publish.length > 0 &&
      publish.every(
        (p) => p?.provider === 'generic' && typeof p.url === 'string' && p.url.startsWith('https://'),
      ),
    'publish: generic-Feed nur über https.',
  );
  const committedSigning = committed.win?.signtoolOptions ?? {};
  for (const key of SECRET_SIGNING_KEYS) {
    need(
      !(key in committedSigning) && !(key in (committed.win ?? {})),
      `win.${key} gehört nicht in die Datei, sondern in die Umgebung.`,
    );
  }
  if (release) {
    need(merged.forceCodeSigning === true, 'Release-Build: forceCodeSigning muss an sein.');
    need(
      typeof merged.win?.signtoolOptions?.publisherName === 'string',
      'Release-Build: publisherName fehlt.',
    );
  }
  return problems;
}
