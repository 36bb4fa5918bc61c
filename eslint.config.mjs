// One ESLint configuration for every workspace (`npm run lint`, also run by CI).
// typescript-eslint for the language, eslint-plugin-boundaries for the architecture:
// production code never reaches the simulator, and a BFF feature module is used by the others
// only through its public files (see docs/adr-0017-lint-and-module-boundaries.md).
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * What another BFF module may import from a module: its Nest module, its use cases, its services, its
 * queue names, its pure `domain/` folder, and the few files a module declares public below.
 * Repositories and queries are private unless listed: the module that owns a table is its only writer.
 */
const PUBLIC_FILES = ['**/*.module.ts', '**/*.use-case.ts', '**/*.service.ts', '**/*.queues.ts', 'domain/**'];
const MODULE_PUBLIC_FILES = {
  catalog: ['product-version.cache.ts'],
  claim: ['claim.record.ts', 'claim.queries.ts'],
  flight: ['flight.record.ts'],
  payout: ['transfer-rate.bucket.ts'],
  staff: ['authenticated-staff.ts', 'staff-audit.service.ts', 'staff-auth.guard.ts'],
  trigger: ['feed-signature.ts'],
  weather: ['weather-places.ts'],
};
const bffModules = readdirSync(new URL('./bff/src/modules/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
// The last policy that matches decides: another module is refused, then its public files allowed.
const moduleBoundaryPolicies = bffModules.flatMap((name) => {
  const open = [...PUBLIC_FILES, ...(MODULE_PUBLIC_FILES[name] ?? [])];
  // A product kind's folder (bff/src/products/<kind>) reaches modules as another module would.
  const from = { element: { types: ['module', 'product'], captured: { name: `!${name}` } } };
  return [
    {
      from,
      disallow: { to: { element: { type: 'module', captured: { name } } } },
      message: `the ${name} module is used by the others only through its public files (${open.join(', ')})`,
    },
    { from, allow: { to: { element: { type: 'module', captured: { name }, fileInternalPath: open } } } },
  ];
});

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.test-dist/**',
      '**/coverage/**',
      '**/artifacts/**',
      'miniprogram/config/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    files: ['miniprogram/{src,test}/**/*.{ts,tsx}', 'console/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // Tests read loosely typed JSON answers on purpose: what they check is spelled out in each expect.
    files: ['**/*.spec.ts', '**/*.test.{ts,tsx}', 'bff/test/**', 'miniprogram/test/**', 'console/src/**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['bff/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': [
        { type: 'module', pattern: 'bff/src/modules/*', capture: ['name'] },
        { type: 'product', pattern: 'bff/src/products/*', capture: ['name'] },
        { type: 'core', pattern: 'bff/src/core' },
        { type: 'integrations', pattern: 'bff/src/integrations' },
        { type: 'sim', pattern: 'bff/sim' },
        { type: 'bench', pattern: 'bff/bench' },
        { type: 'test', pattern: 'bff/test' },
      ],
      'import/resolver': { typescript: { project: 'bff/tsconfig.json' } },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          policies: [
            {
              from: { element: { types: ['module', 'product', 'core', 'integrations'] } },
              disallow: { to: { element: { type: 'sim' } } },
              message: 'production code never imports the WeChat simulator (bff/sim)',
            },
            ...moduleBoundaryPolicies,
          ],
        },
      ],
    },
  },
  {
    files: ['bff/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/sim', '**/sim/**'], message: 'production code never imports the WeChat simulator (bff/sim)' },
          ],
        },
      ],
    },
  },
  {
    // A controller parses, authorises and answers; the SQL lives in the module's repositories and use cases.
    files: ['bff/src/**/*.controller.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'typeorm', message: 'controllers hold no SQL: call a use case or a repository' },
            { name: '@nestjs/typeorm', message: 'controllers hold no SQL: call a use case or a repository' },
          ],
          patterns: [
            { group: ['**/sim', '**/sim/**'], message: 'production code never imports the WeChat simulator (bff/sim)' },
          ],
        },
      ],
    },
  },
  prettier,
);
