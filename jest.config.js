/**
 * One jest project per kind of test (STYLE.md). `npm test` runs them all; `npm run test:<kind>` one.
 * @middy/* is ESM-only: it is mapped to its entry file and transformed to CommonJS with the rest (esbuild).
 */
const transform = { '^.+\\.(t|j)sx?$': '<rootDir>/test/support/esbuild-transform.cjs' };

const base = {
  transform,
  transformIgnorePatterns: ['/node_modules/(?!(@middy|aws-local-stepfunctions)/)'],
  moduleNameMapper: { '^@middy/([^/]+)$': '<rootDir>/node_modules/@middy/$1/index.js' },
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/support/setup-env.ts'],
};

/** @type {import('jest').Config} */
module.exports = {
  // One worker per core, not jest's default of one fewer: most tests wait on the emulators (DynamoDB
  // Local, s3rver) rather than compute, so two workers on 2 cores finish in about three quarters of the time.
  maxWorkers: '100%',
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/no-network.ts'],
    },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    { ...base, displayName: 'workflow', testMatch: ['<rootDir>/test/workflow/**/*.test.ts'] },
    { ...base, displayName: 'infra', testMatch: ['<rootDir>/test/infra/**/*.test.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
  ],
};
