import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

// One run, several tiers (vitest "projects"): unit tests use fakes only and start nothing;
// integration tests share one real Ceph RGW started by the global setup; e2e tests drive the
// built UI in Chromium against `ferry serve` and their own RGW.
export default defineConfig({
  test: {
    root,
    reporters: ['default', './test/summary-reporter.ts'],
    env: {
      // The pinned SDK warns that future releases need Node 22; it is noise in test output.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/setup/rgw-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Tests share one RGW; a small pool keeps the 2-core CI machine responsive.
          maxWorkers: 2,
          // Runs after the unit tier (a project with its own worker limit needs its own group).
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // Builds the product, then starts its own RGW: the e2e tier runs `ferry serve` as a user would.
          globalSetup: ['test/e2e/setup/e2e-global-setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          // One browser at a time on two cores.
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
