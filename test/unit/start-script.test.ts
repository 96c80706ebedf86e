// `npm start` on a machine where Electron's binary could not be downloaded (this one, and CI):
// one sentence with the fix and the browser alternative, exit 1, nothing launched.
// (Where the binary exists the script would open the app, so the test is skipped there.)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const require = createRequire(join(root, 'package.json'));
function electronBinaryPresent(): boolean {
  try {
    const binary: unknown = require('electron');
    return typeof binary === 'string' && existsSync(binary);
  } catch {
    return false;
  }
}

describe('npm start without Electron’s binary', () => {
  it.skipIf(electronBinaryPresent())('says what to do in one sentence and exits 1', () => {
    const run = spawnSync(process.execPath, [join(root, 'scripts', 'start.mjs')], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/Electron's program file is missing.*node node_modules\/electron\/install\.js.*npm run web -- --db PATH/);
  });
});
