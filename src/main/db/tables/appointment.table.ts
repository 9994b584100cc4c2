import type { Insertable, Selectable, Updateable } from 'kysely';
import type { SyncedColumns } from './synced-columns.table';

export type AppointmentStatus = 'geplant' | 'wahrgenommen' | 'versaeumt' | 'abgesagt';

export interface AppointmentTable extends SyncedColumns {
  id: string;
  starts_at: string;
  duration_minutes: number;
  kind: string;
  location: string;
  status: AppointmentStatus;
}

export type AppointmentRow = Selectable<AppointmentTable>;
export type NewAppointmentRow = Insertable<AppointmentTable>;
export type AppointmentUpdate = Updateable<AppointmentTable>;
