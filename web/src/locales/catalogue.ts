import type { ModulesCatalogue } from './en.modules.ts';
import type { ShellCatalogue } from './en.ts';

/** A catalogue's shape from its English original: the same keys, any wording. */
export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** Every string of the app: the shell's, loaded before the first page, and the modules', loaded with the first module. */
export type Catalogue = ShellCatalogue & ModulesCatalogue;
