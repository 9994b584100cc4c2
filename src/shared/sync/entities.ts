/**
 * The synced entities as the wire sees them, DERIVED from the one definition per record type in
 * src/shared/entities (no field is listed here). The wire name of a field is its domain key; the
 * server validates each mutation with these functions against a registry (the product's by
 * default; tests may pass one with a test-only record type).
 */
import { z } from 'zod';
import { canChangeCaseStatus, CASE_STATUSES, type CaseStatus } from '../domain/case/case';
import {
  checkFields,
  ENTITIES,
  ENTITY_NAMES,
  mergeableTextFields,
  requiredFields,
  type EntityDefinition,
  type EntityName,
  type EntityRegistry,
  type FieldProblem,
} from '../entities/index';

export const SYNC_ENTITIES = ENTITY_NAMES;
export type SyncEntity = EntityName;
/** Entity names on the wire: a plain name; whether it is known is checked against a registry. */
export const entityNameSchema = z
  .string()
  .regex(/^[a-z][a-z_]{1,39}$/, { message: 'Unbekannte Art von Datensatz.' });

export { CASE_STATUSES, canChangeCaseStatus, type CaseStatus, type FieldProblem };

export const PRODUCT_REGISTRY: EntityRegistry = ENTITIES;

export function entityOf(registry: EntityRegistry, name: string): EntityDefinition | undefined {
  return Object.hasOwn(registry, name) ? registry[name] : undefined;
}

/** Checks field names and values of a mutation against its entity. Pure; German messages. */
export function checkEntityFields(
  entity: string,
  fields: Readonly<Record<string, unknown>>,
  registry: EntityRegistry = PRODUCT_REGISTRY,
): FieldProblem[] {
  const def = entityOf(registry, entity);
  if (!def) return [{ field: '_entity', message: `Die Art „${entity.slice(0, 40)}“ ist unbekannt.` }];
  return checkFields(def, fields);
}

/** Fields that must be present when a row is created (derived: the schema accepts no missing value). */
export function requiredOnCreate(entity: string, registry: EntityRegistry = PRODUCT_REGISTRY): string[] {
  const def = entityOf(registry, entity);
  return def ? requiredFields(def) : [];
}

export function isMergeableTextField(
  entity: string,
  field: string,
  registry: EntityRegistry = PRODUCT_REGISTRY,
): boolean {
  const def = entityOf(registry, entity);
  return def ? mergeableTextFields(def).includes(field) : false;
}
