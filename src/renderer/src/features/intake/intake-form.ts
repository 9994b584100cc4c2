/** The intake form (Aufnahme): typed German dates and the domain's rules -> cases:create input. */
import { parseGermanDate } from '../../../../shared/domain/common/german-date';
import { householdSchema } from '../../../../shared/domain/case/household';
import { isOfficeId, type OfficeId } from '../../../../shared/domain/case/office';
import { personSchema, type Person } from '../../../../shared/domain/case/person';
import type { FormCheck } from '../../forms/ipc-form';

/** What the form holds: the person's and household's fields as typed (text). */
export type IntakeFormValues = Record<
  keyof Pick<Person, 'firstName' | 'lastName' | 'birthDate' | 'customerNumber'>,
  string
> & { officeId: string; householdNumber: string; partner: boolean; minorChildren: string };

export interface IntakeValues {
  officeId: OfficeId;
  person: Pick<Person, 'firstName' | 'lastName' | 'birthDate' | 'customerNumber'>;
  household?: {
    householdNumber: string;
    members: { personId: null; role: 'applicant' | 'partner' | 'child'; birthDate: null }[];
  };
}

const personPart = personSchema.pick({ firstName: true, lastName: true, customerNumber: true });

/** Checks the form; the values for cases:create (without caseworker and day) or German errors per field. */
export function checkIntakeForm(v: IntakeFormValues): FormCheck<IntakeValues> {
  const errors: Record<string, string> = {};
  const person = personPart.safeParse({
    firstName: v.firstName,
    lastName: v.lastName,
    customerNumber: v.customerNumber,
  });
  if (!person.success)
    for (const issue of person.error.issues) errors[String(issue.path[0] ?? '')] ??= issue.message;
  const birth = parseGermanDate(v.birthDate);
  if (!birth.ok) errors['birthDate'] = birth.message;
  if (!isOfficeId(v.officeId)) errors['officeId'] = 'Bitte einen der vier Standorte wählen.';
  const children = v.minorChildren.trim() === '' ? 0 : Number(v.minorChildren);
  if (!Number.isInteger(children) || children < 0 || children > 20)
    errors['minorChildren'] = 'Bitte die Zahl der Kinder unter 18 als ganze Zahl von 0 bis 20 angeben.';
  let household: IntakeValues['household'];
  if (v.householdNumber.trim() !== '') {
    const members: NonNullable<IntakeValues['household']>['members'] = [
      { personId: null, role: 'applicant', birthDate: null },
      ...(v.partner ? [{ personId: null, role: 'partner' as const, birthDate: null }] : []),
      ...Array.from({ length: Number.isInteger(children) && children > 0 ? children : 0 }, () => ({
        personId: null,
        role: 'child' as const,
        birthDate: null,
      })),
    ];
    const parsed = householdSchema
      .pick({ householdNumber: true })
      .safeParse({ householdNumber: v.householdNumber });
    if (!parsed.success)
      errors['householdNumber'] = parsed.error.issues[0]?.message ?? 'Bitte die BG-Nummer prüfen.';
    else household = { householdNumber: parsed.data.householdNumber, members };
  } else if (v.partner || children > 0) {
    errors['householdNumber'] = 'Für Partner/in oder Kinder bitte die BG-Nummer angeben.';
  }
  if (Object.keys(errors).length > 0 || !person.success || !birth.ok || !isOfficeId(v.officeId))
    return { ok: false, errors };
  return {
    ok: true,
    values: {
      officeId: v.officeId,
      person: { ...person.data, birthDate: birth.value },
      ...(household ? { household } : {}),
    },
  };
}
