// npm run bench:hub — cell edits through the office hub (issue 15): 8 clerks' processes, each with
// its own HubClient over TLS on loopback, edit persons' cells at once — gridUpdateCell with the row
// version, the call the grid makes for a cell edit — each on rows of its own (no conflicts: this
// measures throughput, the many-clients test measures correctness under conflicts).
//   ours      the hub in its own process, 8 client processes; edits per second (all edits over
//             the wall time from the start signal to the last answer) and the latency each client
//             measured around each call (p50, p95);
//   baseline  the same number of edits, in-process through dispatch on the same kind of ledger,
//             one after another: what the ledger itself costs, with no network, TLS or sign-in.
// Afterwards the hub's ledger is checked as in the many-clients test (one operation per edit with
// its clerk, each cell holding its last edit, `check` clean). Goals: ≥ 500 edits/s, p95 < 50 ms.
// Then, to show where the time goes: one client alone; the hub with its ledger at
// synchronous=NORMAL (no fsync per commit; a diagnostic, never the app's setting); and the
// in-process edits with 8 sharing one commit (what the ledger itself can do then: the hub commits
// the edits that arrive together in one, hub/group-commit.ts). Per edit: time in dispatch on the hub (commit
// included), CPU of the hub and of the clients, and the TCP connections the hub accepted.
//   BENCH_HUB_EDITS=2000     edits in all (default 2,000)
//   BENCH_HUB_CLIENTS=8      client processes (default 8)
//   BENCH_HUB_PERSONS=10000  persons in the ledger (default 10,000; clients edit the first 1,000)
//   BENCH_HUB_DIAGNOSE=0     the main measurement only
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchEntry, runChild } from './lib/child';
import { median, report, type BenchRow } from './lib/report';
import { rng } from './lib/fill-ledger';
import { addAccountsAndClose, EDIT_COLUMNS, loadProblems, percentile, runClients, type ClientPlan } from '../test/helpers/hub-load';
import { startHubProcess, type HubProcessOptions, type HubServed } from '../test/helpers/hub-process';

const EDITS = Math.max(100, Number(process.env.BENCH_HUB_EDITS ?? 2000) || 2000);
const CLIENTS = Math.max(1, Number(process.env.BENCH_HUB_CLIENTS ?? 8) || 8);
const PERSONS = Math.max(1000, Number(process.env.BENCH_HUB_PERSONS ?? 10_000) || 10_000);
const PAGE = 1000;
const PASSWORD = 'bench-hub-password';
const GOAL_EDITS_PER_S = 500;
const GOAL_P95_MS = 50;
/** Also measure where the time goes (BENCH_HUB_DIAGNOSE=0: the main measurement only). */
const DIAGNOSE = process.env.BENCH_HUB_DIAGNOSE !== '0';

interface Timing {
  edits: number;
  wallMs: number;
  latenciesMs: number[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The ledger both sides start from: persons, and one account per client. */
async function build(path: string): Promise<void> {
  const { openLedger } = require('../src/main/ledger/open') as typeof import('../src/main/ledger/open');
  const { fillLedger } = require('./lib/fill-ledger') as typeof import('./lib/fill-ledger');
  for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
  const ledger = openLedger(path);
  fillLedger(ledger.db, { persons: PERSONS, seed: 1 });
  await addAccountsAndClose(
    ledger,
    Array.from({ length: CLIENTS }, (_, i) => `clerk${i + 1}`),
    PASSWORD,
  );
}

/**
 * The baseline: the same edits, one after another, through dispatch in this process. With
 * `perCommit` > 1 (a diagnostic), that many edits share one outer transaction and so one commit's
 * fsync — each still its own operation in the ledger (the handler's transaction nests as a savepoint).
 */
async function baseline(path: string, perCommit: number): Promise<Timing> {
  const { openLedger } = require('../src/main/ledger/open') as typeof import('../src/main/ledger/open');
  const { createSession } = require('../src/main/api/session') as typeof import('../src/main/api/session');
  const session = createSession({ ledger: openLedger(path), appVersion: 'bench' });
  const { db } = session.ledger;
  try {
    const page = await session.dispatch('gridQuery', { grid: 'persons', view: {}, start: 0, count: PAGE });
    if (!page.ok) throw new Error(page.error.message);
    const versions = new Map((page.value as { rows: { id: number; version: number }[] }).rows.map((r) => [r.id, r.version]));
    const ids = [...versions.keys()];
    const random = rng(7);
    const latenciesMs: number[] = [];
    const started = performance.now();
    for (let seq = 0; seq < EDITS; seq += perCommit) {
      const t0 = performance.now();
      if (perCommit > 1) db.exec('BEGIN IMMEDIATE');
      for (let k = seq; k < Math.min(EDITS, seq + perCommit); k++) {
        const id = ids[Math.floor(random() * ids.length)]!;
        const colId = EDIT_COLUMNS[Math.floor(random() * EDIT_COLUMNS.length)]!;
        const input = { grid: 'persons', id, colId, value: `base-${k}`, baseVersion: versions.get(id) };
        const answer = await session.dispatch('gridUpdateCell', input);
        if (!answer.ok) throw new Error(`edit refused: ${answer.error.code} ${answer.error.message}`);
        versions.set(id, (answer.value as { version: number }).version);
      }
      if (perCommit > 1) db.exec('COMMIT');
      // Every edit of a group is answered once its commit is done.
      const ms = performance.now() - t0;
      for (let k = seq; k < Math.min(EDITS, seq + perCommit); k++) latenciesMs.push(ms);
    }
    return { edits: EDITS, wallMs: performance.now() - started, latenciesMs };
  } finally {
    session.close();
  }
}

interface HubTiming extends Timing {
  problems: string[];
  served: HubServed;
  clientCpuMs: number;
}

/** Ours: the hub in its own process, the clients in theirs. */
async function ours(path: string, clients: number, hubOptions: HubProcessOptions = {}): Promise<HubTiming> {
  const hub = await startHubProcess(path, hubOptions);
  let run: Awaited<ReturnType<typeof runClients>>;
  let served: HubServed;
  try {
    const plans: ClientPlan[] = Array.from({ length: clients }, (_, i) => ({
      hub: hub.endpoint,
      name: `clerk${i + 1}`,
      password: PASSWORD,
      seed: 100 + i,
      columns: EDIT_COLUMNS,
      edits: Math.ceil(EDITS / clients),
      deadlineMs: 300_000,
      persons: PAGE,
      hotRows: 0,
      hotShare: 0,
      staleShare: 0,
      partition: { index: i, of: clients },
    }));
    run = await runClients(plans, () => hub.mark());
  } finally {
    served = await hub.stop();
  }
  const { openLedger } = require('../src/main/ledger/open') as typeof import('../src/main/ledger/open');
  const ledger = openLedger(path);
  const problems = loadProblems(ledger.db, run.reports);
  ledger.close();
  const edits = run.reports.flatMap((r) => r.edits);
  return {
    edits: edits.filter((e) => e.outcome === 'accepted').length,
    // From the start signal to the last client's last answer, as each client measured it.
    wallMs: Math.max(...run.reports.map((r) => r.elapsedMs)),
    latenciesMs: edits.map((e) => e.ms),
    problems,
    served,
    clientCpuMs: run.reports.reduce((sum, r) => sum + (r.cpuMs ?? 0), 0),
  };
}

/** Where an edit's time goes on the hub and the clients (per edit), and whether connections were kept. */
function costs(t: HubTiming): BenchRow {
  return {
    hub_dispatch_per_edit_ms: round2(t.served.dispatchMs / Math.max(1, t.served.calls)),
    hub_cpu_per_edit_ms: round2(t.served.cpuMs / Math.max(1, t.edits)),
    client_cpu_per_edit_ms: round2(t.clientCpuMs / Math.max(1, t.edits)),
    tcp_connections: t.served.connections,
  };
}

const perS = (t: Timing) => Math.round((t.edits / t.wallMs) * 1000);

function figures(side: 'ours' | 'baseline', t: Timing): BenchRow {
  return {
    [`${side}_edits_per_s`]: perS(t),
    [`${side}_p50_ms`]: round2(median(t.latenciesMs)),
    [`${side}_p95_ms`]: round2(percentile(t.latenciesMs, 95)),
  };
}

async function main(): Promise<void> {
  const dir = join(tmpdir(), 'placement-ledger-bench-hub');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const start = join(dir, 'start.sqlite');
  const copy = (name: string) => {
    const path = join(dir, `${name}.sqlite`);
    copyFileSync(start, path);
    return path;
  };
  console.error(`building a ledger of ${PERSONS.toLocaleString('en-US')} persons and ${CLIENTS} accounts …`);
  runChild(__filename, ['build', start]);
  console.error(`baseline: ${EDITS} edits through dispatch in-process …`);
  const base = runChild<Timing>(__filename, ['baseline', copy('baseline'), '1']);
  console.error(`ours: ${EDITS} edits from ${CLIENTS} client processes through the hub …`);
  const hub = await ours(copy('ours'), CLIENTS);
  const rows: BenchRow[] = [
    {
      measure: `${CLIENTS} clients, ${EDITS} edits`,
      ...figures('ours', hub),
      ...figures('baseline', base),
      ratio: round2(perS(base) / perS(hub)),
      ...costs(hub),
      check: hub.problems.length === 0 ? 'ok' : 'FAILED',
    },
  ];
  const problems = [...hub.problems];
  if (DIAGNOSE) {
    // Where the time goes: one client alone (the network's and the hub's share of one edit),
    // the hub with commits not synced (the fsync's share), the ledger with 8 edits per commit.
    console.error('diagnostics: 1 client; the hub at synchronous=NORMAL; 8 edits per commit in-process …');
    const single = await ours(copy('single'), 1);
    rows.push({
      measure: '1 client, one edit after another',
      ...figures('ours', single),
      ...costs(single),
      check: single.problems.length === 0 ? 'ok' : 'FAILED',
    });
    const unsynced = await ours(copy('unsynced'), CLIENTS, { diagnostic: 'synchronous-normal' });
    rows.push({
      measure: `${CLIENTS} clients, hub at synchronous=NORMAL (diagnostic only)`,
      ...figures('ours', unsynced),
      ...costs(unsynced),
      check: unsynced.problems.length === 0 ? 'ok' : 'FAILED',
    });
    const grouped = runChild<Timing>(__filename, ['baseline', copy('grouped'), String(CLIENTS)]);
    rows.push({ measure: `in-process, ${CLIENTS} edits per commit (diagnostic)`, ...figures('baseline', grouped) });
    problems.push(...single.problems, ...unsynced.problems);
  }
  rmSync(dir, { recursive: true, force: true });
  report(
    'hub',
    rows,
    `ours = client processes editing through the hub over TLS on loopback (latency measured by each client around its call); baseline = the same edits through dispatch in-process, one after another; ratio = baseline / ours edits per second`,
  );
  const oursPerS = perS(hub);
  const oursP95 = percentile(hub.latenciesMs, 95);
  const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
  console.log(
    `goals: ≥ ${GOAL_EDITS_PER_S} edits/s: ${oursPerS} (${met(oursPerS >= GOAL_EDITS_PER_S)}); ` +
      `p95 < ${GOAL_P95_MS} ms: ${round2(oursP95)} ms (${met(oursP95 < GOAL_P95_MS)})`,
  );
  if (problems.length > 0) {
    console.error(`the hub's ledger after a run:\n${problems.slice(0, 20).join('\n')}`);
    process.exitCode = 1;
  }
}

async function child(mode: string, path: string, perCommit = '1'): Promise<void> {
  if (mode === 'build') {
    await build(path);
    process.stdout.write('{}\n');
  } else if (mode === 'baseline') {
    process.stdout.write(JSON.stringify(await baseline(path, Number(perCommit))) + '\n');
  } else throw new Error(`unknown mode ${mode}`);
}

benchEntry(main, child);
