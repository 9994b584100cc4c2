import type { FastifyInstance } from 'fastify';
import { AppError } from '../../shared/errors';

/** Deepest nesting a request body may have; real bodies stay below 10. */
export const MAX_JSON_DEPTH = 64;

/**
 * Refuses what PostgreSQL or the validators cannot take, before any route sees the body: NUL
 * characters in any string or key (PostgreSQL text cannot hold them) and nesting deeper than
 * MAX_JSON_DEPTH. Iterative, so a hostile depth cannot overflow the stack here.
 */
export function checkJsonValue(root: unknown): void {
  const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) throw nulError();
    } else if (value !== null && typeof value === 'object') {
      if (depth >= MAX_JSON_DEPTH)
        throw new AppError('VALIDATION_FAILED', 'Die Daten sind zu tief verschachtelt.');
      if (Array.isArray(value)) {
        for (const item of value) stack.push({ value: item, depth: depth + 1 });
      } else {
        for (const [key, item] of Object.entries(value)) {
          if (key.includes('\u0000')) throw nulError();
          stack.push({ value: item, depth: depth + 1 });
        }
      }
    }
  }
}

function nulError(): AppError {
  return new AppError('VALIDATION_FAILED', 'Die Daten enthalten ein unzulässiges Steuerzeichen (NUL).');
}

/**
 * JSON bodies: Fastify's parser (prototype-poisoning protection), then checkJsonValue. A parse
 * failure of any kind (also a stack overflow on absurd nesting) is a 400 with a German message.
 * URLs with an encoded NUL are refused as well.
 */
export function installJsonBodyChecks(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parse(request, typeof body === 'string' ? body : body.toString('utf8'), (error, value) => {
      if (error) {
        const status = (error as { statusCode?: number }).statusCode;
        if (status === 413 || status === 415) return done(error, undefined);
        return done(
          new AppError('VALIDATION_FAILED', 'Die übermittelten Daten sind kein gültiges JSON.'),
          undefined,
        );
      }
      try {
        checkJsonValue(value);
      } catch (e) {
        return done(e as Error, undefined);
      }
      done(null, value);
    });
  });
  app.addHook('onRequest', async (request) => {
    if (/%00/i.test(request.url) || request.url.includes('\u0000')) {
      throw new AppError('VALIDATION_FAILED', 'Die Adresse enthält ein unzulässiges Steuerzeichen (NUL).');
    }
  });
}
