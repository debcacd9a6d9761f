export * from './permissions.ts';
export * from './principal.ts';
export * from './requirements.ts';
export * from './directives.ts';
export * from './supergraph.ts';
export * from './events.ts';
export * from './internal.ts';
export * from './credentials.ts';
