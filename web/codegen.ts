// GraphQL Code Generator: types the console's operations from the API's schema. `make
// generate` runs it (npm run codegen); an operation the schema does not allow fails here, and
// a schema change that breaks what the console reads fails `tsc`.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../internal/graphql/schema/*.graphqls',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  // Only graphql() holds operations; lib/api's gql() posts the few built at run time.
  pluckConfig: { globalGqlIdentifierName: ['graphql'], gqlMagicComment: 'graphql' },
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // Documents as strings (TypedDocumentString): the console posts them as they are.
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { JSON: 'unknown' },
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
      },
    },
  },
  ignoreNoDocuments: true,
};

export default config;
