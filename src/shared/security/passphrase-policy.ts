/**
 * The passphrase rules of the vault, shared by the renderer (live feedback) and main (enforcement).
 * A passphrase protects the data key of a laptop that may be lost: at least 12 characters, and
 * feedback that favours length over symbols (a sentence is a good passphrase).
 */
export const MIN_PASSPHRASE_LENGTH = 12;
export const MAX_PASSPHRASE_LENGTH = 1024;

export type PassphraseStrength = 0 | 1 | 2 | 3 | 4;

export interface PassphraseAssessment {
  readonly acceptable: boolean;
  readonly strength: PassphraseStrength;
  /** German label of the strength, e.g. "stark". */
  readonly label: string;
  /** German hints what would make it stronger; empty when nothing is missing. */
  readonly hints: readonly string[];
}

const LABELS: Record<PassphraseStrength, string> = {
  0: 'sehr schwach',
  1: 'schwach',
  2: 'mittel',
  3: 'stark',
  4: 'sehr stark',
};

const COMMON = [
  'passwort',
  'password',
  'jobcenter',
  'lotse',
  'qwertz',
  'qwerty',
  '123456',
  'sommer',
  'winter',
  'hallo',
];

function classes(value: string): number {
  let n = 0;
  if (/[a-zäöüß]/.test(value)) n += 1;
  if (/[A-ZÄÖÜ]/.test(value)) n += 1;
  if (/\d/.test(value)) n += 1;
  if (/[^\p{L}\d]/u.test(value)) n += 1;
  return n;
}

function isRepetitive(value: string): boolean {
  const distinct = new Set(value.toLowerCase()).size;
  return distinct <= Math.max(3, Math.floor(value.length / 4));
}

/** Assesses a passphrase. Pure and fast enough to run on every keystroke. */
export function assessPassphrase(value: string): PassphraseAssessment {
  const hints: string[] = [];
  const length = [...value].length;
  const lower = value.toLowerCase();
  const common = COMMON.some((word) => lower.includes(word));
  const repetitive = length > 0 && isRepetitive(value);

  if (length < MIN_PASSPHRASE_LENGTH) {
    hints.push(`Mindestens ${MIN_PASSPHRASE_LENGTH} Zeichen (noch ${MIN_PASSPHRASE_LENGTH - length}).`);
  }
  if (length > MAX_PASSPHRASE_LENGTH) hints.push(`Höchstens ${MAX_PASSPHRASE_LENGTH} Zeichen.`);
  if (common) hints.push('Vermeiden Sie naheliegende Wörter wie „Passwort“ oder „Jobcenter“.');
  if (repetitive) hints.push('Vermeiden Sie Wiederholungen wie „aaaa“ oder „1212“.');

  let score = 0;
  if (length >= MIN_PASSPHRASE_LENGTH) score += 1;
  if (length >= 16) score += 1;
  if (length >= 24) score += 1;
  if (classes(value) >= 3 || (length >= 20 && /\s/.test(value.trim()))) score += 1;
  if (common || repetitive) score = Math.min(score, 1);
  if (length < MIN_PASSPHRASE_LENGTH) score = Math.min(score, length >= 8 ? 1 : 0);
  const strength = Math.max(0, Math.min(4, score)) as PassphraseStrength;

  if (hints.length === 0 && strength < 3) {
    hints.push('Länger ist sicherer: ein kurzer Satz aus mehreren Wörtern ist gut zu merken.');
  }
  const acceptable =
    length >= MIN_PASSPHRASE_LENGTH && length <= MAX_PASSPHRASE_LENGTH && !common && !repetitive;
  return { acceptable, strength, label: LABELS[strength], hints };
}
