export * from './appointment';
export * from './case';
export * from './household';
export * from './note';
export * from './office';
export * from './person';
export * from './target-groups';
