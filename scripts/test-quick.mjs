#!/usr/bin/env node
// npm run test:quick — the loop to run before every commit: typecheck and lint (eslint, prettier,
// then the import-direction and import-cycle check) side by side — each is one process on one
// core, and the build machine has two — then the unit tests of the `unit` project (every file
// under test/unit but the slow ones listed in vitest.config.ts). `npm test` stays the whole suite
// (every unit file, then build and end-to-end); `.ci/run` runs that. Prints each step's time;
// stops after the first stage that fails, with its exit status. The two checks' output is held
// until each ends, so it never interleaves.
import { spawn } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

const stages = [
  [
    ['typecheck', npm, ['run', '-s', 'typecheck']],
    ['lint', npm, ['run', '-s', 'lint']],
  ],
  [['unit tests (quick)', npx, ['vitest', 'run', '--project', 'unit']]],
];

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Runs one step; alone, its output goes straight through; beside another, it is printed when the step ends. */
function run([name, command, args], alone) {
  const t = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: alone ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout?.on('data', (chunk) => output.push(chunk));
    child.stderr?.on('data', (chunk) => output.push(chunk));
    const done = (status, error) => {
      if (output.length > 0) process.stdout.write(Buffer.concat(output));
      resolve({ name, status, error, ms: performance.now() - t });
    };
    child.on('error', (error) => done(1, error));
    child.on('close', (status) => done(status ?? 1));
  });
}

const started = performance.now();
const times = [];
for (const stage of stages) {
  const results = await Promise.all(stage.map((step) => run(step, stage.length === 1)));
  times.push(...results.map((r) => `${r.name} ${seconds(r.ms)}`));
  const failed = results.find((r) => r.error || r.status !== 0);
  if (failed) {
    console.error(`\ntest:quick: ${failed.name} failed${failed.error ? ` (${failed.error.message})` : ''} — ${times.join(', ')}`);
    process.exit(failed.status || 1);
  }
}
console.log(`\ntest:quick: passed in ${seconds(performance.now() - started)} — ${times.join(', ')}`);
