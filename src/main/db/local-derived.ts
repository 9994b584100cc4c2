import { dateInBerlin } from '../../shared/domain/common/dates';
import {
  householdSchema,
  isSingleParentHousehold,
  minorChildrenOn,
} from '../../shared/domain/case/household';

/**
 * Local-only columns from before the entity spine that no definition names (migration 0010's
 * household counts and the severely-disabled flag). The write path keeps them in step with the
 * record, computed by the domain, so an older reader of the table is never wrong. Pure.
 */
export function localDerivedColumns(
  table: string,
  record: Readonly<Record<string, unknown>>,
  now: Date,
): Record<string, unknown> {
  switch (table) {
    case 'persons':
      return {
        severely_disabled:
          record['disability'] === 'severely_disabled' || record['disability'] === 'equal_status' ? 1 : 0,
      };
    case 'households': {
      const parsed = householdSchema.safeParse({ id: 'x', ...record });
      if (!parsed.success) return { members: 1 };
      const on = dateInBerlin(now);
      return {
        members: parsed.data.members.length,
        children_under_18: minorChildrenOn(parsed.data, on),
        single_parent: isSingleParentHousehold(parsed.data, on) ? 1 : 0,
      };
    }
    default:
      return {};
  }
}
