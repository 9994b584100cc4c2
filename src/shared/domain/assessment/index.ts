/** Potenzialanalyse (4PM phase 1): criteria catalogue, assessment lifecycle, Profillage, hints. */
export * from './vocabulary';
export * from './criteria';
export * from './assessment';
export * from './profile-decision-table';
export * from './profile-situation';
export * from './hints';
export * from './resources';
export * from './diff';
