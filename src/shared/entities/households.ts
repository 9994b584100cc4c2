import { HOUSEHOLD_ROLE_LABELS, householdSchema } from '../domain/case/household';
import { defineEntity, field as f } from './define';

const s = householdSchema.shape;

/** Die Bedarfsgemeinschaft with its members (the old count columns stay, unused, in the table). */
export const householdsEntity = defineEntity({
  name: 'households',
  label: 'Bedarfsgemeinschaft',
  fields: {
    householdNumber: f.text(s.householdNumber),
    members: f.json(s.members, { column: 'member_list' }),
  },
  fieldLabels: {
    householdNumber: 'BG-Nummer',
    members: 'Mitglieder',
  },
  valueLabels: { 'members.role': HOUSEHOLD_ROLE_LABELS },
});
