/**
 * Stable error codes. A code never changes its meaning once shipped; add new ones at the end of
 * their group. Every code has a German default message for the user (no stack traces, no personal
 * data). Features may pass a more specific German message.
 */
export const ERROR_MESSAGES = {
  // general
  INTERNAL: 'Ein unerwarteter Fehler ist aufgetreten. Bitte versuchen Sie es erneut.',
  VALIDATION_FAILED: 'Die Eingaben sind nicht gültig. Bitte prüfen Sie die markierten Felder.',
  NOT_FOUND: 'Der Datensatz wurde nicht gefunden.',
  CONFLICT: 'Der Datensatz wurde inzwischen geändert. Bitte laden Sie ihn neu.',
  FORBIDDEN: 'Für diese Aktion fehlt Ihnen die Berechtigung.',
  UNAUTHENTICATED: 'Bitte melden Sie sich an.',
  RATE_LIMITED: 'Zu viele Versuche. Bitte warten Sie einen Moment.',
  PAYLOAD_TOO_LARGE: 'Die übermittelten Daten sind zu groß.',
  // IPC boundary
  IPC_UNKNOWN_CHANNEL: 'Diese Aktion ist unbekannt und wurde abgelehnt.',
  IPC_FORBIDDEN_SENDER: 'Die Anfrage stammt nicht aus dem Lotse-Fenster und wurde abgelehnt.',
  // vault and local store
  VAULT_NOT_INITIALIZED: 'Lotse ist noch nicht eingerichtet. Bitte legen Sie zuerst eine Passphrase fest.',
  VAULT_ALREADY_INITIALIZED: 'Lotse ist bereits eingerichtet.',
  VAULT_LOCKED: 'Lotse ist gesperrt. Bitte entsperren Sie mit Ihrer Passphrase.',
  VAULT_WRONG_PASSPHRASE: 'Die Passphrase ist nicht korrekt.',
  VAULT_PASSPHRASE_TOO_WEAK: 'Die Passphrase ist zu schwach. Sie muss mindestens 12 Zeichen lang sein.',
  VAULT_KEYSTORE_DAMAGED: 'Der Schlüsselspeicher ist beschädigt. Bitte wenden Sie sich an den IT-Support.',
  DB_WRONG_KEY: 'Die lokale Datenbank lässt sich mit diesem Schlüssel nicht öffnen.',
  DB_CORRUPTED: 'Die lokale Datenbank ist beschädigt.',
  DB_READ_ONLY: 'Die lokale Datenbank ist schreibgeschützt.',
  DB_DISK_FULL: 'Der Datenträger ist voll. Bitte schaffen Sie Platz und versuchen Sie es erneut.',
  DB_FROM_FUTURE:
    'Die lokale Datenbank stammt von einer neueren Lotse-Version. Bitte aktualisieren Sie Lotse. Ihre Daten bleiben erhalten.',
  // domain
  DOMAIN_RULE_VIOLATED: 'Die Aktion verstößt gegen eine fachliche Regel.',
  INVALID_TRANSITION: 'Dieser Statuswechsel ist nicht zulässig.',
  // sync
  SYNC_OFFLINE: 'Der Server ist nicht erreichbar. Ihre Änderungen bleiben lokal gespeichert.',
  SYNC_UPGRADE_REQUIRED:
    'Für die Synchronisation ist eine neuere Lotse-Version nötig. Sie können offline weiterarbeiten.',
  SYNC_CLOCK_SKEW: 'Die Uhrzeit dieses Geräts weicht zu stark von der Serverzeit ab.',
  SYNC_DEVICE_REVOKED: 'Dieses Gerät wurde gesperrt.',
  SYNC_MASS_DELETE_BLOCKED:
    'Zu viele Datensätze eines Falls sollten auf einmal gelöscht werden. Die Änderung wurde nicht übernommen.',
  SYNC_QUARANTINED:
    'Sie haben keinen Zugriff mehr auf diesen Fall. Die Änderung wurde zur Prüfung zurückgehalten.',
  SYNC_NOT_CONFIGURED:
    'Für diesen Arbeitsplatz ist kein Lotse-Server eingerichtet. Ihre Änderungen bleiben lokal gespeichert.',
  SYNC_SIGN_IN_REQUIRED:
    'Ihre Anmeldung am Server ist abgelaufen oder wurde widerrufen. Bitte melden Sie sich erneut an. Ihre Änderungen bleiben auf diesem Gerät und werden danach übertragen.',
  SYNC_LEASE_EXPIRED:
    'Lotse war zu lange ohne Verbindung zum Server. Bitte verbinden Sie sich mit dem Netz, damit Lotse wieder entsperrt werden kann.',
  // central server: identity
  AUTH_INVALID_CREDENTIALS: 'Benutzername oder Passwort ist nicht korrekt.',
  AUTH_ACCOUNT_LOCKED: 'Das Konto ist vorübergehend gesperrt. Bitte versuchen Sie es später erneut.',
  AUTH_TOKEN_INVALID: 'Die Anmeldung ist abgelaufen oder ungültig. Bitte melden Sie sich erneut an.',
  AUTH_REFRESH_REUSED: 'Die Anmeldung wurde aus Sicherheitsgründen beendet. Bitte melden Sie sich erneut an.',
  // desktop sign-in at the Lotse server (issue 12 item 4)
  LOGIN_REQUIRED: 'Bitte melden Sie sich zuerst mit Benutzername und Passwort am Lotse-Server an.',
  LOGIN_SERVER_UNREACHABLE:
    'Der Lotse-Server ist nicht erreichbar. Die erste Anmeldung auf diesem Gerät braucht eine Verbindung zum Netz.',
  LOGIN_DEVICE_REFUSED: 'Der Lotse-Server hat dieses Gerät für Ihr Konto abgelehnt.',
  LOGIN_UNKNOWN_ACCOUNT: 'Dieses Konto ist auf diesem Gerät nicht bekannt. Bitte melden Sie sich an.',
  // central server: blobs (agreement documents)
  BLOB_HASH_MISMATCH:
    'Die hochgeladene Datei ist unvollständig oder beschädigt (Prüfsumme falsch). Bitte laden Sie sie erneut hoch.',
  BLOB_TOO_LARGE: 'Die Datei ist zu groß.',
  BLOB_OFFSET_MISMATCH: 'Dieser Teil der Datei passt nicht zum bisherigen Upload. Bitte setzen Sie ihn fort.',
  BLOB_SIZE_MISMATCH: 'Die angegebene Dateigröße passt nicht zum begonnenen Upload.',
  BLOB_INCOMPLETE: 'Die Datei ist noch nicht vollständig hochgeladen.',
  BLOB_RANGE_NOT_SATISFIABLE: 'Der angeforderte Ausschnitt der Datei existiert nicht.',
  // central server: the desktops' access logs (issue 12 item 5)
  AUDIT_CHAIN_GAP:
    'Im Zugriffsprotokoll dieses Geräts fehlen Einträge. Der Server hat den Datenschutz informiert; die übrigen Einträge bleiben auf dem Gerät gespeichert.',
  AUDIT_CHAIN_ALTERED:
    'Ein Eintrag im Zugriffsprotokoll dieses Geräts wurde verändert. Der Server hat den Datenschutz informiert; die übrigen Einträge bleiben auf dem Gerät gespeichert.',
} as const;

export type AppErrorCode = keyof typeof ERROR_MESSAGES;

export const APP_ERROR_CODES = Object.keys(ERROR_MESSAGES) as AppErrorCode[];

export function isAppErrorCode(value: unknown): value is AppErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_MESSAGES, value);
}

/** A field-level problem, e.g. from zod, with a German message. */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

export interface AppErrorDto {
  readonly code: AppErrorCode;
  readonly message: string;
  readonly issues?: readonly FieldIssue[];
}

/** The one error class of Lotse. `message` is German and safe to show to the user. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly issues: readonly FieldIssue[] | undefined;

  constructor(
    code: AppErrorCode,
    message?: string,
    options?: { cause?: unknown; issues?: readonly FieldIssue[] },
  ) {
    super(message ?? ERROR_MESSAGES[code], options?.cause ? { cause: options.cause } : undefined);
    this.name = 'AppError';
    this.code = code;
    this.issues = options?.issues;
  }

  toDto(): AppErrorDto {
    return this.issues && this.issues.length > 0
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message };
  }
}

/** Turns anything thrown into a DTO that is safe to cross a process boundary. */
export function toErrorDto(error: unknown): AppErrorDto {
  if (error instanceof AppError) return error.toDto();
  return { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL };
}

export function assertNever(value: never, context = 'unexpected value'): never {
  throw new Error(`${context}: ${JSON.stringify(value)}`);
}

export function strictAssert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
