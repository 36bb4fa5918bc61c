/**
 * Component tests run in jsdom with React Testing Library. `@tarojs/test-utils-react` does not
 * work on Taro 4, so `@tarojs/taro` and `@tarojs/components` are replaced by small shims that
 * behave like Taro's H5 build (Taro.request over fetch, View as div, ...). See docs/adr-0004.
 *
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/test/shims/taro.ts',
    '^@tarojs/components$': '<rootDir>/test/shims/components.tsx',
    // The contracts from source, so a change in shared/ is tested without rebuilding it.
    '^@xiaoan/shared$': '<rootDir>/../shared/src/index.ts',
    '\\.(css|scss)$': '<rootDir>/test/shims/style.ts',
    // shared/ is NodeNext ESM: its relative imports end in .js, the files in .ts.
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};
