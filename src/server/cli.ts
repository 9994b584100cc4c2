/**
 * Admin command line. Uses DATABASE_URL (PostgreSQL) or the local PGlite directory like the server.
 *
 *   tsx src/server/cli.ts migrate
 *   tsx src/server/cli.ts offices:seed                      # Oschatz, Delitzsch, Eilenburg, Torgau
 *   tsx src/server/cli.ts office:create --id oschatz --name Oschatz
 *   tsx src/server/cli.ts team:create --id osz-team-1 --office oschatz --name "Team 1"
 *   LOTSE_PASSWORD=… tsx src/server/cli.ts user:create --username m.muster --name "M. Muster" \
 *       --role caseworker --office oschatz --team osz-team-1     (or --password-stdin)
 *   tsx src/server/cli.ts case:assign --case C-1 --user <userId>
 *   tsx src/server/cli.ts device:revoke --client <uuid> [--wipe]
 *   tsx src/server/cli.ts user:disable --user <id|username> [--wipe]   (all devices, all tokens)
 *   tsx src/server/cli.ts user:enable --user <id|username>
 *
 * Desktop updates (feed under /updates/<channel>/, artifacts in UPDATES_DIR):
 *   tsx src/server/cli.ts release:publish --channel pilot --version 1.4.0 --dir dist \
 *       [--percent 0] [--offices oschatz,torgau | alle]
 *   tsx src/server/cli.ts release:rollout --channel stable --version 1.4.0 --percent 25 [--offices … | alle]
 *   tsx src/server/cli.ts release:minimum --version 1.3.0      (or --clear)
 *   tsx src/server/cli.ts release:list
 *
 * Roles: caseworker (Integrationsfachkraft), team_lead (Teamleitung),
 * specialist_admin (Fachadministration), data_protection (Datenschutz).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AppError } from '../shared/errors';
import { loadConfig } from './config';
import { cryptoIds, systemClock } from './context';
import { migrateToLatest, openServerDb } from './db/kysely';
import * as admin from './features/admin/admin.service';
import * as updates from './features/updates/updates.service';
import { isRole } from './features/auth/roles';

const CLI_ACTOR = 'cli';

export async function runCli(
  argv: readonly string[],
  env: Record<string, string | undefined> = process.env,
): Promise<string> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: [...rest],
    options: {
      id: { type: 'string' },
      name: { type: 'string' },
      office: { type: 'string' },
      team: { type: 'string' },
      username: { type: 'string' },
      role: { type: 'string' },
      case: { type: 'string' },
      user: { type: 'string' },
      client: { type: 'string' },
      wipe: { type: 'boolean' },
      'password-stdin': { type: 'boolean' },
      channel: { type: 'string' },
      version: { type: 'string' },
      dir: { type: 'string' },
      percent: { type: 'string' },
      offices: { type: 'string' },
      clear: { type: 'boolean' },
    },
    strict: true,
  });
  const config = loadConfig(env);
  const opened = await openServerDb({
    databaseUrl: config.DATABASE_URL,
    pgliteDir: config.PGLITE_DIR,
    poolSize: 2,
  });
  const deps = {
    db: opened.db,
    clock: systemClock,
    ids: cryptoIds,
    scryptN: config.PASSWORD_SCRYPT_N,
    substitutions: {
      maxDays: config.SUBSTITUTION_MAX_DAYS,
      acrossOffices: config.SUBSTITUTION_ACROSS_OFFICES,
    },
  };
  const need = (v: string | undefined, flag: string): string => {
    if (!v) throw new Error(`--${flag} fehlt`);
    return v;
  };
  const updateDeps = { db: opened.db, clock: systemClock, updatesDir: config.UPDATES_DIR };
  const percent = (v: string | undefined): number => {
    if (v === undefined || !/^\d{1,3}$/.test(v)) throw new Error('--percent: ganze Zahl von 0 bis 100');
    return Number(v);
  };
  /** `--offices a,b` → the list; `alle` → every office; absent → undefined. */
  const offices = (v: string | undefined): string[] | null | undefined =>
    v === undefined ? undefined : v === 'alle' ? null : v.split(',').map((o) => o.trim());
  try {
    await migrateToLatest(opened.db);
    switch (command) {
      case 'migrate':
        return 'Migrationen angewendet.';
      case 'offices:seed':
        await admin.ensureOffices(deps, CLI_ACTOR);
        return 'Standorte angelegt: Oschatz, Delitzsch, Eilenburg, Torgau.';
      case 'office:create':
        await admin.createOffice(deps, CLI_ACTOR, {
          id: need(values.id, 'id'),
          name: need(values.name, 'name'),
        });
        return `Standort ${values.id} angelegt.`;
      case 'team:create':
        await admin.createTeam(deps, CLI_ACTOR, {
          id: need(values.id, 'id'),
          officeId: need(values.office, 'office'),
          name: need(values.name, 'name'),
        });
        return `Team ${values.id} angelegt.`;
      case 'user:create': {
        const role = need(values.role, 'role');
        if (!isRole(role))
          throw new Error('--role: caseworker | team_lead | specialist_admin | data_protection');
        const password = values['password-stdin'] ? readFileSync(0, 'utf8').trim() : env.LOTSE_PASSWORD;
        if (!password || password.length < 12)
          throw new Error('Passwort (LOTSE_PASSWORD oder --password-stdin) mit mindestens 12 Zeichen nötig');
        const id = await admin.createUser(deps, CLI_ACTOR, {
          username: need(values.username, 'username'),
          displayName: need(values.name, 'name'),
          role,
          officeId: need(values.office, 'office'),
          teamId: values.team ?? null,
          password,
        });
        return `Benutzer angelegt: ${id}`;
      }
      case 'case:assign':
        await admin.assignCase(
          deps,
          { userId: CLI_ACTOR, role: 'specialist_admin', officeId: '', teamId: null, clientId: 'cli' },
          { caseId: need(values.case, 'case'), assignedUserId: need(values.user, 'user') },
        );
        return `Fall ${values.case} zugewiesen.`;
      case 'device:revoke':
        await admin.revokeDevice(deps, CLI_ACTOR, need(values.client, 'client'), values.wipe === true);
        return values.wipe ? 'Gerät gesperrt, Fernlöschung angefordert.' : 'Gerät gesperrt.';
      case 'user:disable': {
        const userId = await admin.findUserId(deps, need(values.user, 'user'));
        const { devices } = await admin.disableUser(deps, CLI_ACTOR, userId, values.wipe === true);
        return `Benutzer gesperrt, ${devices} Gerät(e) gesperrt${values.wipe ? ', Fernlöschung angefordert' : ''}.`;
      }
      case 'user:enable':
        await admin.enableUser(deps, CLI_ACTOR, await admin.findUserId(deps, need(values.user, 'user')));
        return 'Benutzer entsperrt (neue Anmeldung nur auf einem neuen Gerät).';
      case 'release:publish': {
        const channel = need(values.channel, 'channel');
        const version = need(values.version, 'version');
        const { platforms } = await updates.publishRelease(updateDeps, CLI_ACTOR, {
          channel,
          version,
          sourceDir: need(values.dir, 'dir'),
          rolloutPercent: values.percent === undefined ? 0 : percent(values.percent),
          offices: offices(values.offices) ?? null,
        });
        return (
          `Version ${version} im Kanal ${channel} veröffentlicht (${platforms.join(', ')}), ` +
          `Verteilung ${values.percent ?? 0} %. Anteil erhöhen: release:rollout.`
        );
      }
      case 'release:rollout': {
        const list = offices(values.offices);
        await updates.setRollout(updateDeps, CLI_ACTOR, {
          channel: need(values.channel, 'channel'),
          version: need(values.version, 'version'),
          rolloutPercent: percent(values.percent),
          ...(list !== undefined ? { offices: list } : {}),
        });
        return `Verteilung von ${values.version} im Kanal ${values.channel}: ${values.percent} %${
          list === undefined ? '' : list === null ? ', alle Standorte' : `, Standorte ${list.join(', ')}`
        }.`;
      }
      case 'release:minimum':
        if (values.clear) {
          await updates.setMinimumVersion(updateDeps, CLI_ACTOR, null);
          return 'Keine Mindestversion mehr.';
        }
        await updates.setMinimumVersion(updateDeps, CLI_ACTOR, need(values.version, 'version'));
        return `Mindestversion ${values.version}: ältere Geräte erhalten upgrade_required und die Pflicht-Aktualisierung.`;
      case 'release:list': {
        const releases = await updates.listReleases(opened.db);
        const minimum = await updates.getMinimumVersion(opened.db);
        const lines = releases.map(
          (r) =>
            `${r.channel.padEnd(6)} ${r.version.padEnd(16)} ${String(r.rolloutPercent).padStart(3)} %  ` +
            `${r.offices === null ? 'alle Standorte' : r.offices.join(', ')}  (${r.platforms.join(', ')})`,
        );
        return [...lines, `Mindestversion: ${minimum ?? 'keine'}`].join('\n');
      }
      default:
        throw new Error(
          'Befehle: migrate | offices:seed | office:create | team:create | user:create | case:assign | device:revoke | user:disable | user:enable | release:publish | release:rollout | release:minimum | release:list',
        );
    }
  } finally {
    await opened.close();
  }
}

const isMain = process.argv[1] !== undefined && /cli\.[cm]?[jt]s$/.test(process.argv[1]);
if (isMain) {
  runCli(process.argv.slice(2))
    .then((message) => {
      process.stdout.write(`${message}\n`);
    })
    .catch((error: unknown) => {
      console.error(error instanceof AppError || error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    });
}
