// Eight clerks' apps, each a process of its own with its own HubClient, edit persons on one hub
// over TLS on loopback at once — some on the same rows, some deliberately from a stale version —
// bounded to 2,000 edits and 60 s. Afterwards: every accepted edit is one operation with its
// clerk; every stale edit was refused with row_changed and wrote nothing; every request was
// answered; each row's edits follow one another version by version; `check` is clean.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub } from '../../src/main/hub/server';
import { openLedger } from '../../src/main/ledger/open';
import { importFile } from '../helpers/import';
import { tempDir } from '../helpers/ledger';
import { addAccountsAndClose, EDIT_COLUMNS, loadProblems, runClients, type ClientPlan } from '../helpers/hub-load';

const SAMPLES = process.env.SHARED_SAMPLES ?? join(__dirname, '../../../shared/samples');
const CLIENTS = 8;
const EDITS = 2_000;
const PASSWORD = 'load-test-password';
const CLERKS = Array.from({ length: CLIENTS }, (_, i) => `clerk${i + 1}`);

let dir: ReturnType<typeof tempDir>;
let ledgerPath: string;
let persons: number;

beforeAll(async () => {
  dir = tempDir('hub-many-');
  ledgerPath = join(dir.dir, 'ledger.sqlite');
  const ledger = openLedger(ledgerPath);
  await importFile(ledger, join(SAMPLES, 'decision-11-fall-clean.xlsx'), { backupDir: join(dir.dir, 'backups') });
  persons = ledger.db.prepare('SELECT count(*) FROM persons').pluck().get() as number;
  await addAccountsAndClose(ledger, CLERKS, PASSWORD);
}, 60_000);
afterAll(() => dir.cleanup());

describe('eight clerks editing one hub at once', () => {
  it('loses nothing, writes over nothing, records every edit with its clerk', { timeout: 120_000 }, async () => {
    expect(persons).toBeGreaterThan(100);
    const hub = await startHub({ dbPath: ledgerPath, listen: { host: '127.0.0.1', port: 0 } });
    let run: Awaited<ReturnType<typeof runClients>>;
    try {
      const plans: ClientPlan[] = Array.from({ length: CLIENTS }, (_, i) => ({
        hub: { host: '127.0.0.1', port: hub.port, certPem: hub.certPem, fingerprint: hub.fingerprint },
        name: CLERKS[i]!,
        password: PASSWORD,
        seed: 1000 + i,
        columns: EDIT_COLUMNS,
        edits: EDITS / CLIENTS,
        deadlineMs: 60_000,
        persons: 1000,
        hotRows: 6,
        hotShare: 0.3,
        staleShare: 0.1,
      }));
      run = await runClients(plans);
    } finally {
      await hub.close();
    }
    const { reports, wallMs } = run;
    const sent = reports.reduce((s, r) => s + r.sent, 0);
    const accepted = reports.reduce((s, r) => s + r.accepted, 0);
    const stale = reports.flatMap((r) => r.edits.filter((e) => e.deliberateStale)).length;
    const conflicts = reports.flatMap((r) => r.edits.filter((e) => !e.deliberateStale && e.outcome === 'row_changed')).length;
    console.log(
      `${sent} edits in ${Math.round(wallMs)} ms: ${accepted} accepted, ${stale} deliberately stale, ${conflicts} met a colleague's change`,
    );
    const ledger = openLedger(ledgerPath);
    try {
      expect(loadProblems(ledger.db, reports)).toEqual([]);
    } finally {
      ledger.close();
    }
    // Bounded: at most the budget, and the run did real work of every kind.
    expect(sent).toBeLessThanOrEqual(EDITS);
    expect(sent).toBeGreaterThan(EDITS / 2);
    expect(stale).toBeGreaterThan(20);
    expect(conflicts).toBeGreaterThan(0);
    for (const r of reports) expect(r.accepted, r.name).toBeGreaterThan(0);
  });
});
