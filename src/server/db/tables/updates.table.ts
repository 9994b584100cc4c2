export interface UpdateReleasesTable {
  channel: string;
  version: string;
  rollout_percent: number;
  /** JSON array of office ids; null = every office. */
  offices: string | null;
  published_at: Date;
  published_by: string;
  updated_at: Date;
}

export interface UpdateReleaseFilesTable {
  channel: string;
  version: string;
  platform: string;
  feed_yml: string;
  /** JSON array of file names in UPDATES_DIR/<channel>/<version>/. */
  artifacts: string;
}
