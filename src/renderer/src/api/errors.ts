import { ERROR_MESSAGES, type FieldIssue } from '../../../shared/errors';
import { isApiError } from './client';

/**
 * The German text to show for a failed IPC call. Never the generic "Die Eingaben sind nicht
 * gültig … markierten Felder" when no field is marked: then the issues themselves say what is
 * wrong. Anything that is not an ApiError gets `fallback` (no technical details reach the user).
 */
export function describeError(error: unknown, fallback: string): string {
  if (!isApiError(error)) return fallback;
  return describeIssues(error.message, error.issues);
}

/** Pure core of describeError: the message, or the issues' messages when the message is generic. */
export function describeIssues(message: string, issues: readonly FieldIssue[]): string {
  if (message !== ERROR_MESSAGES.VALIDATION_FAILED) return message;
  const concrete = unique(issues.map((i) => i.message.trim()).filter(Boolean));
  if (concrete.length === 0) return 'Die Eingaben sind nicht gültig.';
  return concrete.join(' ');
}

export function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
