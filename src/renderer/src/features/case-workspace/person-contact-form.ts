/** The person's contact details as a form (Überblick → Person): address, phone, e-mail. */
import { personSchema, type Person } from '../../../../shared/domain/case/person';
import type { FormCheck } from '../../forms/ipc-form';

const contactDetails = personSchema.pick({
  street: true,
  postalCode: true,
  town: true,
  phone: true,
  email: true,
});
export type PersonContactDetails = Pick<Person, keyof typeof contactDetails.shape>;
type Key = keyof PersonContactDetails;
const KEYS = Object.keys(contactDetails.shape) as Key[];

/** What the form holds: every detail as typed text ('' for none). */
export type PersonContactFormValues = Record<Key, string>;

export function personContactFormValues(p: PersonContactDetails): PersonContactFormValues {
  return Object.fromEntries(KEYS.map((k) => [k, p[k] ?? ''])) as PersonContactFormValues;
}

/** The domain's rules for the details (an empty field clears it); changes for persons:update or errors per field. */
export function checkPersonContactForm(v: PersonContactFormValues): FormCheck<PersonContactDetails> {
  const typed = Object.fromEntries(
    KEYS.map((k) => {
      const text = v[k].trim();
      return [k, text === '' ? null : text];
    }),
  );
  const parsed = contactDetails.safeParse(typed);
  if (parsed.success) return { ok: true, values: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? '')] ??= issue.message;
  return { ok: false, errors };
}
