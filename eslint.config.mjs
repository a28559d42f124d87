import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '.next/**',
      '.next-*/**',
      'node_modules/**',
      '.data/**',
      'db/migrations/**',
      'next-env.d.ts',
      'test-results/**',
      'playwright-report/**',
      'bench-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Layering, from the browser to the database in one direction (README, architecture). Type-only imports
  // are allowed where noted: the tRPC client's AppRouter type carries no server code into a bundle.
  ...[
    {
      files: ['components/**/*.{ts,tsx}', 'lib/**/*.{ts,tsx}'],
      group: ['@/server', '@/server/*', '@/db/*', '../server/*', '../db/*'],
      allowTypeImports: true,
      message: 'Components and lib/ reach the server through tRPC (or their props) only.',
    },
    {
      files: ['db/**/*.ts'],
      group: ['@/server', '@/server/*', '../server/*'],
      allowTypeImports: false,
      message: 'db/ is the ground floor: it imports nothing from server/ (seeding lives in server/seed/).',
    },
    {
      files: ['server/services/**/*.ts'],
      group: ['@/server/routers', '@/server/routers/*', '**/routers', '**/routers/*', '@/server/trpc', '**/server/trpc'],
      allowTypeImports: false,
      message: 'Services know no transport: routers call services, never the other way.',
    },
    {
      files: ['server/routers/**/*.ts'],
      group: ['@/db/*', 'drizzle-orm'],
      allowTypeImports: true,
      message: 'Routers are thin: queries and rules live in server/services.',
    },
  ].map(({ files, group, allowTypeImports, message }) => ({
    files,
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group, allowTypeImports, message }] }] },
  })),
);
