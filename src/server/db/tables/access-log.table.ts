/** The desktops' hash-chained access logs (migration 20270102T0100, src/shared/audit/access-chain.ts). */
export interface DeviceAccessChainsTable {
  client_id: string;
  user_id: string;
  /** bigint as a decimal string. */
  last_seq: string;
  last_hash: string;
  updated_at: Date;
}

export interface DeviceAccessLogTable {
  client_id: string;
  seq: string;
  user_id: string;
  case_id: string;
  action: string;
  /** The device's time exactly as hashed. */
  at: string;
  offline: boolean;
  prev_hash: string;
  hash: string;
  received_at: Date;
}

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
