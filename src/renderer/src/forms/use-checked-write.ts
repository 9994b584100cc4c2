import { useState } from 'react';
import type { IpcChannel, IpcIn } from '../../../shared/ipc/contract';
import { useIpcMutation, type Invalidation } from '../api/query';
import { applyIpcError, type ErrorTarget, type FormCheck } from './ipc-form';

/**
 * One form, one IPC write: the form's own check first (German messages at the fields, nothing
 * sent), then the write; a refused write marks its fields and gives the text for the form's alert.
 *
 * ```tsx
 * const write = useCheckedWrite('appointments:create', {
 *   form, check: checkAppointmentForm, input: (values) => ({ caseId, values }),
 *   invalidates: ['appointments:'], failed: 'Der Termin wurde nicht gespeichert.', onDone,
 * });
 * <form noValidate onSubmit={form.onSubmit(write.submit)}>
 *   {write.formError ? <ErrorAlert title="Nicht gespeichert">{write.formError}</ErrorAlert> : null}
 * ```
 */
export function useCheckedWrite<C extends IpcChannel, V, T>(
  channel: C,
  options: {
    readonly form: ErrorTarget;
    readonly check: (values: V) => FormCheck<T>;
    readonly input: (values: T) => IpcIn<C>;
    readonly invalidates: readonly Invalidation[];
    /** The alert when the write fails without a more precise message. */
    readonly failed: string;
    /** IPC input paths renamed to form paths (see applyIpcError). */
    readonly fieldMap?: Readonly<Record<string, string>>;
    readonly onDone?: () => void;
  },
): { submit: (values: V) => void; formError: string | undefined; pending: boolean } {
  const { form, check, input, failed, fieldMap, onDone } = options;
  const [formError, setFormError] = useState<string>();
  const mutation = useIpcMutation(channel, { invalidates: options.invalidates });
  const submit = (values: V) => {
    setFormError(undefined);
    const checked = check(values);
    if (!checked.ok) {
      form.setErrors(checked.errors);
      return;
    }
    mutation.mutate(input(checked.values), {
      onSuccess: () => onDone?.(),
      onError: (e) => setFormError(applyIpcError(form, e, failed, fieldMap)),
    });
  };
  return { submit, formError, pending: mutation.isPending };
}
