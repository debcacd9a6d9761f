export * from './authorize.ts';
export * from './requirements-index.ts';
