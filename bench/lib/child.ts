// Each measurement of a bench runs in its own process, so its peak memory is its own: the bench
// file runs itself again with `--child ARGS…` and prints one JSON line last.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/** Runs `file --child …args` (TypeScript, through tsx) and returns the JSON of its last line of output. */
export function runChild<T>(file: string, args: readonly string[]): T {
  const result = spawnSync(process.execPath, ['-r', 'tsx/cjs', file, '--child', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, LEDGER_LANG: 'en' },
  });
  if (result.status !== 0) throw new Error(`${args[0]} failed: ${result.stderr || result.stdout}`);
  const line = result.stdout.trim().split('\n').pop()!;
  return JSON.parse(line) as T;
}

/**
 * The bench file's entry: with `--child ARGS…` (as runChild starts it) runs `child` with those
 * arguments, else `main`; either way a failure prints and exits 1.
 */
export function benchEntry(main: () => Promise<void>, child: (...args: string[]) => Promise<void>): void {
  const run = process.argv[2] === '--child' ? child(...process.argv.slice(3)) : main();
  run.catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
