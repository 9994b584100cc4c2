import type { Insertable, Selectable, Updateable } from 'kysely';
import type { SyncedColumns } from './synced-columns.table';

export interface PersonTable extends SyncedColumns {
  id: string;
  household_id: string | null;
  customer_number: string;
  first_name: string;
  last_name: string;
  birth_date: string;
  gender: string | null;
  nationality: string | null;
  preferred_language: string | null;
  street: string | null;
  postal_code: string | null;
  town: string | null;
  phone: string | null;
  email: string | null;
  severely_disabled: number;
}

export type PersonRow = Selectable<PersonTable>;
export type NewPersonRow = Insertable<PersonTable>;
export type PersonUpdate = Updateable<PersonTable>;
