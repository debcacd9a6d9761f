import type { CodegenConfig } from '@graphql-codegen/cli';
import { LIVE_SDL } from './gateway/src/subscriptions/live-schema.ts';

/** The files of the shell (loaded before sign-in) that write operations: they import `graphql()` from `web/src/gql/shell/`. */
const SHELL_DOCUMENTS = ['web/src/app/**/*.{ts,tsx}', 'web/src/modules/auth/auth.operations.ts', 'web/src/modules/organizations/invitations.operations.ts', '!web/src/**/*.test.{ts,tsx}'];

/**
 * Typed documents for the web app, generated from the composed supergraph, the subscription fields the gateway serves
 * itself at /graphql/stream (its own SDL, which composition never sees) and the operations in web/src.
 */
const config: CodegenConfig = {
  schema: ['schema/supergraph.graphql', LIVE_SDL],
  ignoreNoDocuments: false,
  generates: {
    'web/src/gql/': {
      documents: ['web/src/**/*.{ts,tsx}', '!web/src/gql/**'],
      preset: 'client',
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTimeISO: 'string', SafeInt: 'number' } },
      presetConfig: { fragmentMasking: false },
    },
    // the shell's own documents in a map of their own: `graphql()` of `web/src/gql/` holds every document, so the
    // code loaded before sign-in imports this one and the module pages' documents stay in their lazy chunks
    'web/src/gql/shell/': {
      documents: SHELL_DOCUMENTS,
      preset: 'client',
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTimeISO: 'string', SafeInt: 'number' } },
      presetConfig: { fragmentMasking: false },
    },
  },
  // the trusted documents the gateway may require of browsers: each generated document as Apollo Client sends it
  hooks: { afterAllFileWrite: ['tsx gateway/src/edge/persisted-manifest.ts'] },
};

export default config;
