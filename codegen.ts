import type { CodegenConfig } from '@graphql-codegen/cli';

/** Typed documents for the web app, generated from the composed supergraph and the operations in web/src. */
const config: CodegenConfig = {
  schema: 'schema/supergraph.graphql',
  documents: ['web/src/**/*.{ts,tsx}', '!web/src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'web/src/gql/': {
      preset: 'client',
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTimeISO: 'string', SafeInt: 'number' } },
      presetConfig: { fragmentMasking: false },
    },
  },
  // the trusted documents the gateway may require of browsers: each generated document as Apollo Client sends it
  hooks: { afterAllFileWrite: ['tsx gateway/src/edge/persisted-manifest.ts'] },
};

export default config;
