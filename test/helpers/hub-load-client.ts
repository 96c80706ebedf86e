// One clerk's app, as a process of its own: signs in to the hub over TLS and edits persons' cells
// through the contract's gridUpdateCell (the call the grid makes for a cell edit), with the row
// version it was based on. Used by the many-clients test and `npm run bench:hub`.
//
//   node -r tsx/cjs test/helpers/hub-load-client.ts PLAN_JSON
//
// It signs in, reads the persons, prints `ready` and waits for a line on stdin (the start signal,
// so every client starts editing at once), then edits until its budget or deadline, and prints
// one JSON line (a ClientReport) last. Every request is counted: accepted, refused (with its
// code), or a transport error.
import { createInterface } from 'node:readline';
import { connectHub, TRANSPORT_CODES, type HubConnection } from './hub-connection';
import type { ClientPlan, ClientReport, EditRecord } from './hub-load';
import { rng } from '../../bench/lib/fill-ledger';

interface PersonRow {
  id: number;
  version: number;
}

async function main(plan: ClientPlan): Promise<ClientReport> {
  const startedAt = Date.now();
  const hub: HubConnection = await connectHub(plan.hub, plan.name, plan.password);
  const random = rng(plan.seed);
  const report: ClientReport = {
    name: plan.name,
    sent: 0,
    accepted: 0,
    refused: {},
    transportErrors: [],
    unexpected: [],
    reads: 0,
    edits: [],
    elapsedMs: 0,
  };
  const versions = new Map<number, number>();
  const load = async (): Promise<void> => {
    report.reads++;
    const page = await hub.call<{ rows: PersonRow[] }>('gridQuery', { grid: 'persons', view: {}, start: 0, count: plan.persons });
    if (!page.ok) throw new Error(`gridQuery refused: ${page.error.code} ${page.error.message}`);
    for (const row of page.value.rows) versions.set(row.id, row.version);
  };
  await load();
  const all = [...versions.keys()].sort((a, b) => a - b);
  const hot = all.slice(0, plan.hotRows);
  const part = plan.partition;
  const ids = part ? all.filter((_, k) => k >= plan.hotRows && k % part.of === part.index) : all;

  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once('line', () => resolve()));
  const deadline = Date.now() + plan.deadlineMs;
  const editStarted = Date.now();
  const cpuFrom = process.cpuUsage();
  let seq = 0;

  /** One edit: the answer's row version when accepted, else the refusal's code. */
  const edit = async (id: number, base: number, deliberateStale: boolean): Promise<number | string> => {
    const colId = plan.columns[Math.floor(random() * plan.columns.length)]!;
    const value = `${plan.name}-${seq++}`;
    const record: EditRecord = { id, colId, value, base, version: null, ms: 0, outcome: 'sent', deliberateStale };
    report.sent++;
    const t0 = performance.now();
    const answer = await hub.call<PersonRow>('gridUpdateCell', { grid: 'persons', id, colId, value, baseVersion: base });
    record.ms = performance.now() - t0;
    if (!answer.ok && TRANSPORT_CODES.has(answer.error.code)) {
      record.outcome = 'transport';
      report.transportErrors.push(`${answer.error.code}: ${answer.error.message}`);
      report.edits.push(record);
      return 'transport';
    }
    if (answer.ok) {
      record.outcome = 'accepted';
      record.version = answer.value.version;
      report.accepted++;
      report.edits.push(record);
      return answer.value.version;
    }
    record.outcome = answer.error.code;
    if (answer.error.code === 'row_changed') record.changedBy = { clerk: answer.error.details?.clerk, at: answer.error.details?.at };
    report.refused[answer.error.code] = (report.refused[answer.error.code] ?? 0) + 1;
    if (answer.error.code !== 'row_changed') report.unexpected.push(`${answer.error.code}: ${answer.error.message}`);
    report.edits.push(record);
    return answer.error.code;
  };

  while (report.sent < plan.edits && Date.now() < deadline) {
    const onHot = random() < plan.hotShare;
    const id = onHot ? hot[Math.floor(random() * hot.length)]! : ids[Math.floor(random() * ids.length)]!;
    const base = versions.get(id)!;
    const next = await edit(id, base, false);
    if (typeof next === 'number') {
      versions.set(id, next);
      // The same row again from the version this edit was based on: a stale edit, to be refused.
      if (random() < plan.staleShare && report.sent < plan.edits) await edit(id, base, true);
    } else if (next === 'row_changed') {
      // A colleague changed the row: the grid reloads it, as it would on their change feed.
      await load();
    }
  }
  report.elapsedMs = Date.now() - editStarted;
  const cpu = process.cpuUsage(cpuFrom);
  report.cpuMs = (cpu.user + cpu.system) / 1000;
  await hub.close();
  report.setupMs = editStarted - startedAt;
  return report;
}

const plan = JSON.parse(process.argv[2]!) as ClientPlan;
main(plan).then(
  (report) => {
    // Stdout to a pipe is written asynchronously: exit once the report is all out.
    process.stdout.write(JSON.stringify(report) + '\n', () => process.exit(0));
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
