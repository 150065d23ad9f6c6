import { writeFileSync } from 'node:fs';

import type { Reporter, SerializedError, TestModule } from 'vitest/node';

/**
 * Prints the one line CI reads, summed over every tier: "N passed, N failed[, N skipped]"
 * (or hands the counts to test/run-all.sh, which adds typecheck and lint).
 * A test file that fails to load (no test ran in it) and an unhandled error each count as a
 * failure, so a broken suite cannot look green.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
  ): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const module of testModules) {
      let failedInModule = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failedInModule += 1;
        else skipped += 1;
      }
      if (failedInModule === 0 && module.state() === 'failed') failedInModule = 1;
      failed += failedInModule;
    }
    // Under test/run-all.sh the counts go to a file and are summed with typecheck and lint,
    // so that the run ends with a single line.
    const file = process.env['FERRY_SUMMARY_FILE'];
    if (file) {
      writeFileSync(file, `${passed} ${failed} ${skipped}\n`);
      return;
    }
    const line = `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
    process.stdout.write(`\n${line}\n`);
  }
}
