import type { Insertable, Selectable } from 'kysely';

export interface OfficeTable {
  id: string;
  code: string;
  name: string;
  town: string;
  is_head_office: number;
}

export type OfficeRow = Selectable<OfficeTable>;
export type NewOfficeRow = Insertable<OfficeTable>;
