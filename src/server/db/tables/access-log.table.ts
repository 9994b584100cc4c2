import type { AccessLogEntry } from '../../../shared/audit/access-chain';
import type { SnakeCased } from '../../../shared/entities/define';
/** The desktops' hash-chained access logs (migration 20270102T0100, src/shared/audit/access-chain.ts). */
export interface DeviceAccessChainsTable {
  client_id: string;
  user_id: string;
  /** bigint as a decimal string. */
  last_seq: string;
  last_hash: string;
  updated_at: Date;
}

/** One stored entry: the columns of an entry as src/shared/audit/access-chain.ts defines it, per device. */
export type DeviceAccessLogTable = Omit<SnakeCased<AccessLogEntry>, 'seq' | 'action'> & {
  client_id: string;
  /** bigint as a decimal string. */
  seq: string;
  user_id: string;
  action: string;
  received_at: Date;
};

export interface DeviceAccessAlarmsTable {
  id: string;
  client_id: string;
  user_id: string;
  kind: 'gap' | 'altered';
  seq: string;
  expected_seq: string;
  created_at: Date;
  acknowledged_by: string | null;
  acknowledged_at: Date | null;
}
