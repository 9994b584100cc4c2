/**
 * The registry of synced record types: ONE definition each (see define.ts). The order is the order
 * of creation dependencies (a case before the rows that belong to it).
 */
import { appointmentsEntity } from './appointments';
import { assessmentsEntity } from './assessments';
import { caseAuditsEntity } from './case-audits';
import { casesEntity } from './cases';
import { consentsEntity } from './consents';
import { contactsEntity } from './contacts';
import { cooperationPlansEntity } from './cooperation-plans';
import { correctionTasksEntity } from './correction-tasks';
import type { EntityDefinition } from './define';
import { duplicateSuspectsEntity } from './duplicate-suspects';
import { goalsEntity } from './goals';
import { householdsEntity } from './households';
import { measureAssignmentsEntity } from './measure-assignments';
import { notesEntity } from './notes';
import { ownEffortsEntity } from './own-efforts';
import { personsEntity } from './persons';
import { planHandoversEntity } from './plan-handovers';
import { strategyChoicesEntity } from './strategy-choices';

export const ENTITIES = {
  cases: casesEntity,
  households: householdsEntity,
  persons: personsEntity,
  appointments: appointmentsEntity,
  contacts: contactsEntity,
  notes: notesEntity,
  consents: consentsEntity,
  assessments: assessmentsEntity,
  goals: goalsEntity,
  strategy_choices: strategyChoicesEntity,
  measure_assignments: measureAssignmentsEntity,
  own_efforts: ownEffortsEntity,
  cooperation_plans: cooperationPlansEntity,
  plan_handovers: planHandoversEntity,
  duplicate_suspects: duplicateSuspectsEntity,
  case_audits: caseAuditsEntity,
  correction_tasks: correctionTasksEntity,
} as const;

export type Entities = typeof ENTITIES;
export type EntityName = keyof Entities;
export const ENTITY_NAMES = Object.keys(ENTITIES) as EntityName[];

/** A registry of definitions: the product's, or one with test-only types (see entity-registry tests). */
export type EntityRegistry = Readonly<Record<string, EntityDefinition>>;

export * from './define';
export {
  appointmentsEntity,
  assessmentsEntity,
  caseAuditsEntity,
  casesEntity,
  consentsEntity,
  contactsEntity,
  cooperationPlansEntity,
  correctionTasksEntity,
  duplicateSuspectsEntity,
  goalsEntity,
  householdsEntity,
  measureAssignmentsEntity,
  notesEntity,
  ownEffortsEntity,
  personsEntity,
  planHandoversEntity,
  strategyChoicesEntity,
};
