/**
 * Jest in native ESM mode (NestJS 12 is ESM-only): run with
 * NODE_OPTIONS=--experimental-vm-modules. @swc/jest strips types and keeps
 * decorator metadata, which Nest's dependency injection needs.
 */
const swcConfig = {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swcConfig] },
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^content-disposition$': '<rootDir>/test/support/content-disposition.cjs',
  },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/sim/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  globalSetup: '<rootDir>/test/setup/global-setup.mjs',
  globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
  testTimeout: 60000,
  // One suite at a time (they share the machine's two cores and the run's PostgreSQL), in a worker
  // process that is replaced once its heap passes 1 GB: the ESM module registries of 170-odd suites
  // accumulate in one process, and a run in band slowed to several times its pace as the heap grew
  // (fresh-clone CI: suites that take 3 s took 40-85 s after the hundredth).
  maxWorkers: 1,
  workerIdleMemoryLimit: '1GB',
  // A leaked timer must fail the run, not hang CI until its deadline: the suites that leak still fail on their own.
  forceExit: true,
};
