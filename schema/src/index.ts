export * from './permissions.ts';
export * from './principal.ts';
export * from './requirements.ts';
export * from './directives.ts';
export * from './compose.ts';
export * from './subgraphs.ts';
export * from './events.ts';
