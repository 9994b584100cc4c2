import pino from 'pino';

/**
 * Structured logging. Log ids, codes and durations; never names, birth dates, addresses or free
 * text about a person. The redaction list is a second line of defence, not the first.
 */
export type Logger = pino.Logger;

const REDACT = [
  '*.name',
  '*.firstName',
  '*.lastName',
  '*.birthDate',
  '*.passphrase',
  '*.password',
  '*.text',
  '*.body',
  '*.token',
];

export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  const base = {
    level: options.level ?? process.env['LOTSE_LOG_LEVEL'] ?? 'info',
    redact: { paths: REDACT, censor: '[entfernt]' },
    base: { app: 'lotse' },
  };
  return options.destination ? pino(base, options.destination) : pino(base);
}

/** A logger that drops everything (tests). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
