export * from './registry.ts';
export * from './platform.ts';
export * from './client.ts';
export * from './seed.ts';
