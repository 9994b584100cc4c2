/** Measures (Eingliederungsleistungen): catalogue, eligibility engine and assignment status machine. */
export * from './facts';
export * from './catalogue.schema';
export * from './catalogue';
export * from './eligibility';
export * from './assignment';
export * from './facts-from-case';
