/** Zielfestlegung and Strategieauswahl (4PM phases 2 and 3). */
export * from './occupations';
export * from './goal';
export * from './strategies';
export * from './resources';
