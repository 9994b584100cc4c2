/**
 * Builds the engine's facts from what a case already records, so the wizard only asks for what is
 * truly new (the planned dates, needs found in the Potenzialanalyse). What the case does not know
 * stays undefined and the engine warns about it.
 */
import { isWithin, type IsoDate } from '../common/dates';
import type { Household } from '../case/household';
import type { Person } from '../case/person';
import type { Assignment } from './assignment';
import type { EligibilityFacts, FactFlag, PreviousMeasure } from './facts';

export interface PlannedMeasure {
  readonly measureStart?: IsoDate;
  readonly plannedEnd?: IsoDate;
  readonly plannedTeachingUnits?: number;
}

export interface CaseFactsInput {
  readonly person: Person;
  /** null = household not recorded (children unknown). */
  readonly household: Household | null;
  /** The case's measure assignments (running and ended); proposals never started do not count. */
  readonly assignments: readonly Pick<Assignment, 'measureId' | 'startedOn' | 'endedOn'>[];
  /** First day of a job taken up (for Nachbetreuung); null = none; undefined = not known. */
  readonly jobStartDate?: IsoDate | null;
  /** Flags the caseworker recorded (mostly needs from the Potenzialanalyse). */
  readonly recordedFlags?: Readonly<Partial<Record<FactFlag, boolean>>>;
}

/** Periods actually spent in measures: from the start to the end (or still running). */
export function previousMeasuresOf(assignments: CaseFactsInput['assignments']): PreviousMeasure[] {
  return assignments
    .filter((a): a is typeof a & { startedOn: IsoDate } => a.startedOn !== null)
    .map((a) => ({ measureId: a.measureId, from: a.startedOn, to: a.endedOn }));
}

export function eligibilityFactsFor(
  input: CaseFactsInput,
  planned: PlannedMeasure,
  on: IsoDate,
): EligibilityFacts {
  const { person, household } = input;
  const start = planned.measureStart ?? on;
  const receivingBenefits = person.benefitPeriods.some((p) => isWithin(start, { from: p.from, to: p.to }));
  const flags: Partial<Record<FactFlag, boolean>> = {
    integrationCourseCompleted: person.integrationCourseCompleted,
    ...input.recordedFlags,
  };
  if (receivingBenefits) flags.employableBenefitRecipient = true;
  else if (person.expectedReleaseDate !== null && flags.employableBenefitRecipient === undefined) {
    // pre-release contact (JVA): not yet a benefit recipient
    flags.employableBenefitRecipient = false;
  }
  return {
    birthDate: person.birthDate,
    measureStart: start,
    ...(planned.plannedEnd !== undefined ? { plannedEnd: planned.plannedEnd } : {}),
    ...(planned.plannedTeachingUnits !== undefined
      ? { plannedTeachingUnits: planned.plannedTeachingUnits }
      : {}),
    unemployedSince: person.unemployedSince,
    benefitPeriods: person.benefitPeriods,
    previousMeasures: previousMeasuresOf(input.assignments),
    ...(input.jobStartDate !== undefined ? { jobStartDate: input.jobStartDate } : {}),
    germanLevel: person.germanLevel,
    ...(household
      ? {
          householdChildBirthDates: household.members
            .filter((m) => m.role === 'child')
            .flatMap((m) => (m.birthDate === null ? [] : [m.birthDate])),
        }
      : {}),
    disability: person.disability,
    flags,
  };
}
