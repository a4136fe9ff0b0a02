import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends the run with the plain line CI reads: `N passed, N failed, N skipped`. A test file whose
 * setup failed (its tests never ran) counts as one failure, so it can never pass as "skipped".
 */
export default class CountReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<unknown>,
  ): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const testModule of testModules) {
      let failedInModule = 0;
      for (const test of testModule.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failedInModule += 1;
        else skipped += 1;
      }
      const moduleBroken = testModule.state() === 'failed' || testModule.errors().length > 0;
      failed += failedInModule === 0 && moduleBroken ? 1 : failedInModule;
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
