/**
 * Log redaction (second line of defence; the first is logging ids, codes and durations only).
 *
 * A key is redacted wherever it occurs (top level, nested, in arrays) when its normalised form –
 * lower case without `_`, `-` or spaces – is on the list, so one entry covers the local column
 * (`first_name`), the domain and wire field (`firstName`) and any other spelling of it.
 */

export const REDACTED = '[entfernt]';

/** Normalised keys that carry personal data, free text or secrets. */
const REDACTED_KEYS: ReadonlySet<string> = new Set([
  // who a person is
  'name',
  'firstname',
  'lastname',
  'birthname',
  'fullname',
  'displayname',
  'birthdate',
  'dateofbirth',
  'customernumber',
  'householdnumber',
  'gender',
  'nationality',
  'preferredlanguage',
  // where and how to reach them
  'address',
  'street',
  'postalcode',
  'zip',
  'town',
  'city',
  'phone',
  'mobile',
  'email',
  // what the Jobcenter knows about them, special categories included (health, prison release)
  'disability',
  'severelydisabled',
  'expectedreleasedate',
  'consentforprereleasecontact',
  'germanlevel',
  'integrationcoursecompleted',
  'unemployedsince',
  'benefitperiods',
  'returnertowork',
  'schoolqualification',
  'vocationalqualification',
  'subject',
  'note',
  'scope',
  'amendmentreason',
  'personaloffer',
  'entries',
  'functionallimitations',
  'category',
  // free text and values that may hold any of the above
  'title',
  'body',
  'text',
  'content',
  'term',
  'query',
  'goal',
  'description',
  'fields',
  'fieldsjson',
  'value',
  'localvalue',
  'remotevalue',
  'keptvalue',
  'othervalue',
  'base',
  'basevalue',
  'data',
  'payload',
  // the printed Kooperationsplan (HTML preview, PDF bytes) and the contact person on it
  'html',
  'pdf',
  'pdfbase64',
  'contact',
  // secrets
  'passphrase',
  'password',
  'recoverykey',
  'token',
  'accesstoken',
  'refreshtoken',
  'authorization',
  'secret',
  'passwordhash',
  'tokenhash',
  // staff
  'username',
]);

export function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[_\-\s]/g, '');
}

export function isRedactedKey(key: string): boolean {
  return REDACTED_KEYS.has(normaliseKey(key));
}

const MAX_DEPTH = 10;

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function redactValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[zirkulär]';
  if (Array.isArray(value)) {
    if (depth >= MAX_DEPTH) return '[zu tief]';
    seen.add(value);
    const out = value.map((item) => redactValue(item, depth + 1, seen));
    seen.delete(value);
    return out;
  }
  // Errors, dates, buffers: their own serialisers decide (pino's `err` serialiser for errors)
  if (!isPlainObject(value)) return value;
  if (depth >= MAX_DEPTH) return '[zu tief]';
  seen.add(value);
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value))
    out[key] = isRedactedKey(key) && inner !== undefined ? REDACTED : redactValue(inner, depth + 1, seen);
  seen.delete(value);
  return out;
}

/**
 * A copy of a log object with every personal or secret key replaced by `[entfernt]`, at any depth.
 * Use as pino's `formatters.log` and `formatters.bindings`; pino does not pass a child logger's
 * bindings through `formatters.bindings`, so wrap the logger with `redactChildBindings` too.
 */
export function redactLogObject<T extends Record<string, unknown>>(object: T): Record<string, unknown> {
  return redactValue(object, 0, new WeakSet()) as Record<string, unknown>;
}

/** The part of a pino logger `redactChildBindings` needs (shared code does not import pino). */
interface ChildLogger {
  child(bindings: Record<string, unknown>, options?: object): unknown;
}

/**
 * Makes `logger.child(bindings)` – and the children's children, which inherit from it – redact
 * the bindings as `redactLogObject` does. Returns the same logger.
 */
export function redactChildBindings<L extends ChildLogger>(logger: L): L {
  const child = logger.child; // called with the child's own `this` below
  const redacting = function (this: L, bindings: Record<string, unknown>, options?: object) {
    return child.call(this, redactLogObject(bindings), options);
  };
  Object.defineProperty(logger, 'child', { value: redacting, writable: true, configurable: true });
  return logger;
}
