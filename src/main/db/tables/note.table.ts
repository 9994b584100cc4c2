import type { Insertable, Selectable, Updateable } from 'kysely';
import type { SyncedColumns } from './synced-columns.table';

export interface NoteTable extends SyncedColumns {
  id: string;
  category: string;
  title: string;
  body: string;
  restricted: number;
}

export type NoteRow = Selectable<NoteTable>;
export type NewNoteRow = Insertable<NoteTable>;
export type NoteUpdate = Updateable<NoteTable>;
