import { schemaResolver, type FormErrors } from '@mantine/form';
import { ERROR_MESSAGES, type FieldIssue } from '../../../shared/errors';
// German default messages for every zod schema without its own (side effect of the shared module).
import '../../../shared/validation';
import type { z } from 'zod';
import { describeIssues } from '../api/errors';
import { isApiError } from '../api/client';

/**
 * Forms: @mantine/form with the domain's zod schemas, and failed IPC writes mapped onto fields.
 *
 * ```tsx
 * const form = useForm({
 *   mode: 'controlled',
 *   initialValues: { title: '', dueOn: '' },
 *   validate: zodValidate(GoalCreateInput),          // the schema main parses with: no rule twice
 * });
 * const save = useIpcMutation('goals:create', { invalidates: ['goals:'] });
 * const [formError, setFormError] = useState<string>();
 * <form noValidate onSubmit={form.onSubmit((values) => {
 *   setFormError(undefined);
 *   save.mutate(values, { onError: (e) => setFormError(applyIpcError(form, e, 'Nicht gespeichert.')) });
 * })}>
 *   {formError ? <ErrorAlert title="Nicht gespeichert">{formError}</ErrorAlert> : null}
 *   <TextInput label="Ziel" {...form.getInputProps('title')} />
 * ```
 * `applyIpcError` marks the fields named in ApiError.issues (paths such as 'title' or
 * 'needs.0.focus', optionally renamed with `fieldMap`) and returns the German text for the form's
 * alert: the concrete messages of issues that have no field in this form, never the generic
 * "bitte prüfen Sie die markierten Felder" when nothing is marked.
 */
export function zodValidate(schema: z.ZodType): (values: unknown) => FormErrors {
  return schemaResolver(schema, { sync: true });
}

export interface IssuePlacement {
  /** Errors per form path, ready for form.setErrors. */
  readonly fieldErrors: Record<string, string>;
  /** Messages of issues that no field of this form shows. */
  readonly unplaced: readonly string[];
}

/**
 * Sorts issues onto form fields. `hasField(path)` says whether the form has that path;
 * `fieldMap` renames paths of the IPC input to form paths (e.g. { passphrase: 'next' }).
 * The first message per field wins.
 */
export function placeIssues(
  issues: readonly FieldIssue[],
  hasField: (path: string) => boolean,
  fieldMap: Readonly<Record<string, string>> = {},
): IssuePlacement {
  const fieldErrors: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const issue of issues) {
    const path = fieldMap[issue.path] ?? issue.path;
    if (path !== '' && hasField(path)) {
      fieldErrors[path] ??= issue.message;
    } else if (!unplaced.includes(issue.message)) {
      unplaced.push(issue.message);
    }
  }
  return { fieldErrors, unplaced };
}

/**
 * The text for the form-level alert after placing issues: the error's own message (a domain
 * refusal) followed by its reasons that no field shows; for the generic validation text only the
 * unplaced messages, or a pointer to the marked fields when all issues sit at fields.
 */
export function formAlertText(message: string, placement: IssuePlacement): string {
  if (message !== ERROR_MESSAGES.VALIDATION_FAILED)
    return [message, ...placement.unplaced.filter((m) => m !== message)].join(' ');
  if (placement.unplaced.length > 0) return placement.unplaced.join(' ');
  const marked = Object.keys(placement.fieldErrors).length;
  if (marked === 1) return 'Bitte prüfen Sie das markierte Feld.';
  if (marked > 1) return 'Bitte prüfen Sie die markierten Felder.';
  return describeIssues(message, []);
}

/** Whether `path` (dot notation, numeric list indexes) exists in the form's values. */
export function hasPath(values: unknown, path: string): boolean {
  let current: unknown = values;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment)) return false;
    current = (current as Record<string, unknown>)[segment];
  }
  return true;
}

/** A form's own check of its typed values: the values for the IPC input, or German messages per field. */
export type FormCheck<T> = { ok: true; values: T } | { ok: false; errors: Record<string, string> };

/** The part of a @mantine/form form that applyIpcError uses. */
export interface ErrorTarget {
  getValues(): unknown;
  setErrors(errors: Record<string, string>): void;
}

/**
 * Marks the fields of a failed IPC write on the form and returns the German text for the form's
 * alert (see the module comment). Errors that are not ApiErrors give `fallback`.
 */
export function applyIpcError(
  form: ErrorTarget,
  error: unknown,
  fallback: string,
  fieldMap?: Readonly<Record<string, string>>,
): string {
  if (!isApiError(error)) return fallback;
  const values = form.getValues();
  const placement = placeIssues(error.issues, (path) => hasPath(values, path), fieldMap);
  if (Object.keys(placement.fieldErrors).length > 0) form.setErrors(placement.fieldErrors);
  return formAlertText(error.message, placement);
}
