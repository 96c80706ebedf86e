#!/usr/bin/env node
// Adds up the vitest and Playwright JSON reports into one closing line: "N passed, N failed".
// A step of `npm test` that failed before the runners wrote a report counts as one failure.
import { existsSync, readFileSync } from 'node:fs';

const exitStatus = Number(process.argv[2] ?? 0);
let passed = 0;
let failed = 0;
let skipped = 0;
let reports = 0;

const read = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null);

const vitest = read('test-results/vitest.json');
if (vitest) {
  reports++;
  passed += vitest.numPassedTests ?? 0;
  failed += vitest.numFailedTests ?? 0;
  skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  console.log(`unit (vitest): ${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed`);
}
const playwright = read('test-results/playwright.json');
if (playwright) {
  reports++;
  const s = playwright.stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  skipped += s.skipped ?? 0;
  console.log(`end-to-end (playwright): ${(s.expected ?? 0) + (s.flaky ?? 0)} passed, ${s.unexpected ?? 0} failed`);
}
if (exitStatus !== 0 && failed === 0) {
  failed = 1;
  console.log('a step of npm test failed before or outside the test runners (typecheck, import check or build)');
}
if (reports === 0 && exitStatus === 0) console.log('no test report was written');
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
