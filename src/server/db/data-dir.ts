import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The embedded server's PGlite data directory holds names, notes and, without TOKEN_SECRET /
 * LEASE_SIGNING_SEED, the signing keys in plain text (WAL, heap files). Only the server's OS user
 * may read it: created 0700, files 0600; an existing directory that group or others can open is
 * refused with the fix in the message. (Windows: ACLs of the profile directory apply instead.)
 */
export function prepareDataDir(dir: string, platform: NodeJS.Platform = process.platform): void {
  if (platform === 'win32') {
    mkdirSync(dir, { recursive: true });
    return;
  }
  if (existsSync(dir)) {
    const st = statSync(dir);
    if (!st.isDirectory()) throw new Error(`Das Datenverzeichnis ${dir} ist kein Verzeichnis.`);
    if ((st.mode & 0o077) !== 0) {
      const mode = (st.mode & 0o777).toString(8).padStart(4, '0');
      throw new Error(
        `Das Datenverzeichnis ${dir} ist für andere Benutzer zugänglich (Modus ${mode}). ` +
          `Bitte einschränken mit: chmod -R go-rwx '${dir}' – und den Server neu starten.`,
      );
    }
    if (typeof process.getuid === 'function' && st.uid !== process.getuid()) {
      throw new Error(
        `Das Datenverzeichnis ${dir} gehört einem anderen Benutzer (uid ${st.uid}). ` +
          'Bitte den Server unter dem Besitzer des Verzeichnisses starten.',
      );
    }
    return;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/**
 * Directories 0700, files 0600 below `dir`. PGlite writes its initial cluster with mode 0666;
 * PostgreSQL itself creates later files 0600, so this runs once after the database is open.
 */
export function restrictDataDir(dir: string, platform: NodeJS.Platform = process.platform): void {
  if (platform === 'win32') return;
  const walk = (path: string): void => {
    const st = lstatSync(path);
    if (st.isSymbolicLink()) return;
    if (st.isDirectory()) {
      if ((st.mode & 0o777) !== 0o700) chmodSync(path, 0o700);
      for (const entry of readdirSync(path)) walk(join(path, entry));
    } else if ((st.mode & 0o777) !== 0o600) {
      chmodSync(path, 0o600);
    }
  };
  walk(dir);
}
