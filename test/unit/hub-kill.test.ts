// A hub killed (SIGKILL) while a clerk's import is being committed through it: after the hub is
// started again on the same ledger, the import is all there or none of it, `check` is clean, and
// the import can be run again through the hub. Killed at several moments of the commit: its
// write begins (its backup), halfway through its rows, and while it finishes.
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/shared/api/core.contract';
import type { ImportReport, StagedImportFile } from '../../src/shared/api/import.contract';
import { IMPORT_CHUNK_BYTES } from '../../src/shared/api/import.contract';
import type { JobStatus } from '../../src/shared/api/jobs';
import type { GridPage } from '../../src/shared/api/grid.contract';
import { checkLedger } from '../../src/main/check/check';
import { openLedger } from '../../src/main/ledger/open';
import { connectHub, type HubConnection } from '../helpers/hub-connection';
import { addAccountsAndClose } from '../helpers/hub-load';
import { startHubProcess, type HubProcess } from '../helpers/hub-process';
import { decisionRows, writeXlsx } from '../helpers/import';
import { tempDir } from '../helpers/ledger';

const ROWS = Number(process.env.HUB_KILL_ROWS ?? 30_000);
const CLERK = { name: 'importer', password: 'kill-test-password' };

/** When to kill, from the commit job's progress as the clerk's app sees it (each at the latest phase seen). */
const KILL_POINTS: { name: string; when: (p: JobStatus['progress']) => boolean }[] = [
  { name: 'as its write begins', when: (p) => ['backup', 'writing', 'finishing'].includes(p.phase) },
  { name: 'halfway through its rows', when: (p) => (p.phase === 'writing' && p.done >= ROWS / 2) || p.phase === 'finishing' },
  { name: 'as it finishes', when: (p) => p.phase === 'finishing' },
];
const outcomes: { point: string; phase: string; persons: number }[] = [];

let dir: ReturnType<typeof tempDir>;
let base: string;
let file: string;

beforeAll(async () => {
  dir = tempDir('hub-kill-');
  base = join(dir.dir, 'base.sqlite');
  const ledger = openLedger(base);
  await addAccountsAndClose(ledger, [CLERK.name], CLERK.password);
  file = join(dir.dir, 'decision.xlsx');
  await writeXlsx(file, { strings: 'shared', sheets: [{ name: '배치명단', rows: () => decisionRows(ROWS, { offset: 7_000_000 }) }] });
}, 120_000);
afterAll(() => dir.cleanup());

async function value<T>(hub: HubConnection, name: string, input: unknown): Promise<T> {
  const answer = await hub.call<T>(name, input);
  if (!answer.ok) throw new Error(`${name}: ${answer.error.code} ${answer.error.message}`);
  return answer.value;
}

/** Uploads the file through the hub, as the Import page does, and starts its commit. */
async function startCommit(hub: HubConnection): Promise<JobStatus<ImportReport>> {
  const bytes = readFileSync(file);
  const { uploadId } = await value<{ uploadId: string }>(hub, 'beginImportUpload', { fileName: 'decision.xlsx', size: bytes.length });
  for (let offset = 0; offset < bytes.length; offset += IMPORT_CHUNK_BYTES) {
    const data = bytes.subarray(offset, offset + IMPORT_CHUNK_BYTES).toString('base64');
    await value(hub, 'appendImportUpload', { uploadId, offset, data });
  }
  const staged = await value<StagedImportFile>(hub, 'finishImportUpload', { uploadId });
  return value<JobStatus<ImportReport>>(hub, 'startImportCommit', { fileId: staged.fileId, options: {} });
}

const personsThroughHub = async (hub: HubConnection) =>
  (await value<GridPage>(hub, 'gridQuery', { grid: 'persons', view: {}, start: 0, count: 1 })).rowCount;

describe('killing the hub during an import', () => {
  for (const point of KILL_POINTS) {
    it(`at "${point.name}": all or nothing after a restart, check clean, the import runs again`, { timeout: 180_000 }, async () => {
      const path = join(dir.dir, `kill-${KILL_POINTS.indexOf(point)}.sqlite`);
      for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
      copyFileSync(base, path);

      let hubProcess: HubProcess = await startHubProcess(path);
      let hub = await connectHub(hubProcess.endpoint, CLERK.name, CLERK.password);
      let seen: JobStatus['progress'] | undefined;
      let finishedBeforeKill = false;
      try {
        const job = await startCommit(hub);
        for (;;) {
          const status = await value<JobStatus>(hub, 'getJob', { jobId: job.id });
          seen = status.progress;
          if (point.when(status.progress)) break;
          if (status.state === 'failed') throw new Error(`the import failed: ${JSON.stringify(status.error)}`);
          if (status.state !== 'running') {
            finishedBeforeKill = true;
            break;
          }
          await new Promise((r) => setTimeout(r, 5));
        }
      } finally {
        await hubProcess.kill();
        await hub.close().catch(() => undefined);
      }

      hubProcess = await startHubProcess(path);
      try {
        hub = await connectHub(hubProcess.endpoint, CLERK.name, CLERK.password);
        const after = await personsThroughHub(hub);
        console.log(`killed at ${point.name} (${JSON.stringify(seen)}${finishedBeforeKill ? ', job already over' : ''}): ${after} persons`);
        expect([0, ROWS]).toContain(after);
        expect(await value<CheckReport>(hub, 'checkLedger', {})).toEqual({ ok: true, problems: [] });
        outcomes.push({ point: point.name, phase: finishedBeforeKill ? 'over' : (seen?.phase ?? '?'), persons: after });

        // Again, to the end: the ledger takes the import (or knows it has it).
        const again = await startCommit(hub);
        let done: JobStatus;
        do {
          await new Promise((r) => setTimeout(r, 50));
          done = await value<JobStatus>(hub, 'getJob', { jobId: again.id });
        } while (done.state === 'running');
        expect(done.state, JSON.stringify(done.error)).toBe('done');
        expect(await personsThroughHub(hub)).toBe(ROWS);
        await hub.close();
      } finally {
        await hubProcess.stop();
      }
      const ledger = openLedger(path);
      try {
        expect(checkLedger(ledger.db)).toEqual({ ok: true, problems: [] });
        expect(ledger.db.prepare("SELECT count(*) FROM operations WHERE kind = 'import' AND clerk = ?").pluck().get(CLERK.name)).toBe(1);
      } finally {
        ledger.close();
      }
    });
  }

  it('was killed while the import was being written at least once, leaving none of it', () => {
    expect(outcomes).toHaveLength(KILL_POINTS.length);
    expect(outcomes.filter((o) => o.phase !== 'over' && o.persons === 0).length, JSON.stringify(outcomes)).toBeGreaterThan(0);
  });
});
