import { personSchema } from '../domain/case/person';
import { defineEntity, field as f } from './define';

const s = personSchema.shape;

/** Die Person (Kunde/Kundin) with the facts the rules need; no health details (DOMAIN.md). */
export const personsEntity = defineEntity({
  name: 'persons',
  label: 'Person',
  fields: {
    householdId: f.text(s.householdId),
    customerNumber: f.text(s.customerNumber),
    firstName: f.text(s.firstName),
    lastName: f.text(s.lastName),
    birthDate: f.text(s.birthDate),
    gender: f.text(s.gender),
    nationality: f.text(s.nationality),
    preferredLanguage: f.text(s.preferredLanguage),
    germanLevel: f.text(s.germanLevel),
    integrationCourseCompleted: f.boolean(s.integrationCourseCompleted),
    disability: f.text(s.disability),
    unemployedSince: f.text(s.unemployedSince),
    benefitPeriods: f.json(s.benefitPeriods),
    returnerToWork: f.boolean(s.returnerToWork),
    expectedReleaseDate: f.text(s.expectedReleaseDate),
    consentForPreReleaseContact: f.boolean(s.consentForPreReleaseContact),
    schoolQualification: f.text(s.schoolQualification),
    vocationalQualification: f.text(s.vocationalQualification),
    street: f.text(s.street),
    postalCode: f.text(s.postalCode),
    town: f.text(s.town),
    phone: f.text(s.phone),
    email: f.text(s.email),
  },
});
