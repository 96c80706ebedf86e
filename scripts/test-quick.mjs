#!/usr/bin/env node
// npm run test:quick — the loop to run before every commit: typecheck, lint (eslint, then the
// import-direction and import-cycle check) and the unit tests of the `unit` project (every file under test/unit but
// the slow ones listed in vitest.config.ts). `npm test` stays the whole suite (every unit file,
// then build and end-to-end); `.ci/run` runs that. Prints each step's time; stops at the first
// step that fails, with its exit status.
import { spawnSync } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

const steps = [
  ['typecheck', npm, ['run', '-s', 'typecheck']],
  ['lint', npm, ['run', '-s', 'lint']],
  ['unit tests (quick)', npx, ['vitest', 'run', '--project', 'unit']],
];

const started = performance.now();
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const times = [];
for (const [name, command, args] of steps) {
  const t = performance.now();
  const { status, error } = spawnSync(command, args, { stdio: 'inherit' });
  times.push(`${name} ${seconds(performance.now() - t)}`);
  if (error || status !== 0) {
    console.error(`\ntest:quick: ${name} failed${error ? ` (${error.message})` : ''} — ${times.join(', ')}`);
    process.exit(status || 1);
  }
}
console.log(`\ntest:quick: passed in ${seconds(performance.now() - started)} — ${times.join(', ')}`);
