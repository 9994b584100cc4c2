import { z } from 'zod';
import { AppError, type FieldIssue } from './errors';

// German default messages for every schema that does not set its own.
z.config(z.locales.de());

/** Maps zod issues to field issues with German messages (schemas carry German messages). */
export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/**
 * Parses untrusted input. Throws AppError('VALIDATION_FAILED') with German field issues; the caller
 * has changed nothing yet.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', undefined, { issues: zodIssues(parsed.error) });
  }
  return parsed.data;
}
