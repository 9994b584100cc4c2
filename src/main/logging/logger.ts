import pino from 'pino';
import { redactChildBindings, redactLogObject } from '../../shared/security/redact';

/**
 * Structured logging. Log ids, codes and durations; never names, birth dates, addresses or free
 * text about a person. The redaction (src/shared/security/redact.ts) is a second line of defence,
 * not the first: it removes personal and secret keys in any spelling (`first_name`, `firstName`)
 * at any depth of the logged object and of a child logger's bindings.
 */
export type Logger = pino.Logger;

export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  const base: pino.LoggerOptions = {
    level: options.level ?? process.env['LOTSE_LOG_LEVEL'] ?? 'info',
    formatters: { log: redactLogObject, bindings: redactLogObject },
    base: { app: 'lotse' },
  };
  return redactChildBindings(options.destination ? pino(base, options.destination) : pino(base));
}

/** A logger that drops everything (tests). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
