import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = { '@': path.resolve(import.meta.dirname) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/integration/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // The webhook receivers in these tests listen on 127.0.0.1. Set for every file, not stubbed
          // in one: the outbox is shared, so another file's dispatcher may deliver this file's events.
          env: { WEBHOOK_ALLOW_PRIVATE: 'true' },
          // One embedded Postgres for the run; files share it but each test seeds its own unit.
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
    ],
  },
});
