import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Classic zod costs every function ~460 KB read at each cold start; the shared module gives zod/mini, English configured.
const ZOD_VIA_SHARED = {
  regex: '^zod(/|$)',
  message: "Use `import * as z from '<…>/shared/validation/zod'`: zod/mini with its English messages, not classic zod.",
};

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', 'coverage/', '.local-data/', 'bench/out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // The domain and the handlers' cores never import an AWS SDK: adapters are passed in as ports.
    files: ['functions/**/*.ts'],
    ignores: ['functions/shared/adapters/**', 'functions/shared/runtime/**', 'functions/shared/validation/zod.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@aws-sdk/*'], message: 'Only adapters/ and runtime/ import the AWS SDK.' }, ZOD_VIA_SHARED] }],
    },
  },
  {
    files: ['functions/shared/adapters/**/*.ts', 'functions/shared/runtime/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [ZOD_VIA_SHARED] }] },
  },
  {
    // Named imports from the shared zod module would allow its `z` (zod/mini's namespace object), which bundles every locale.
    files: ['functions/**/*.ts', 'test/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportDeclaration[source.value=/validation\\/zod$/] > ImportSpecifier',
          message: 'Import the shared zod module as a namespace: `import * as z from`.',
        },
      ],
    },
  },
  {
    files: ['**/*.cjs', '**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', __filename: 'readonly', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
