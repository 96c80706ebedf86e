// The CLI ends quietly when its reader goes away: `ledger dump persons | head -1` through a real
// shell pipe printed an EPIPE stack before.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger } from '../../src/main/ledger/open';
import { insertCohort, insertPerson, tempDir } from '../helpers/ledger';

const root = resolve(__dirname, '../..');
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

describe('ledger CLI on a closed pipe', () => {
  it('`ledger dump persons | head -1` prints one line and no stack; the dump ends at once', () => {
    const t = tempDir('ledger-cli-pipe-');
    cleanups.push(t.cleanup);
    const db = join(t.dir, 'ledger.sqlite');
    const ledger = openLedger(db);
    ledger.db.transaction(() => {
      const cohortId = insertCohort(ledger.db, 2027, 'spring');
      // Far more than a pipe's 64 KiB, so the writer meets the closed end.
      for (let i = 0; i < 6000; i++)
        insertPerson(ledger.db, { serviceNo: `254-${String(i).padStart(5, '0')}`, name: `리철${i}`, cohortId });
    })();
    ledger.close();
    const cli = resolve(root, 'node_modules/.bin/tsx');
    // pipefail: the shell's status is the CLI's, not head's.
    const result = spawnSync('bash', ['-o', 'pipefail', '-c', `"${cli}" src/main/cli/index.ts dump persons --db "${db}" | head -1`], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(result.stdout).toContain('254-00000');
    expect(result.status).toBe(0);
  });
});
