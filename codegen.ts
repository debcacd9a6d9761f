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
};

export default config;
