// Many clerks editing one hub at once (issue 15, "Tests and speed"): the clients' plan and report,
// starting them as processes, and what must hold afterwards in the ledger. Shared by
// test/unit/hub-many-clients.test.ts and `npm run bench:hub`.
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { createSession } from '../../src/main/api/session';
import { checkLedger } from '../../src/main/check/check';
import type { Ledger } from '../../src/main/ledger/open';
import type { HubEndpoint } from './hub-connection';

const ROOT = resolve(__dirname, '../..');

/** The persons' columns the clients edit: plain text columns, one audit entry per edit. */
export const EDIT_COLUMNS = ['notes', 'skill', 'unit', 'education'] as const;

export interface ClientPlan {
  hub: HubEndpoint;
  name: string;
  password: string;
  seed: number;
  /** The persons' columns to edit (EDIT_COLUMNS). */
  columns: readonly string[];
  /** Edits to send at most (stale ones included). */
  edits: number;
  /** Stop editing after this long (from the start signal). */
  deadlineMs: number;
  /** How many persons to read (the first page of the grid). */
  persons: number;
  /** The first persons by id, edited by every client (conflicts). */
  hotRows: number;
  /** Share of edits on the hot rows, 0..1. */
  hotShare: number;
  /** After an accepted edit, how often the same row is edited again from the old version, 0..1. */
  staleShare: number;
  /** Only the rows at positions ≡ index (mod of) besides the hot ones: clerks on rows of their own. */
  partition?: { index: number; of: number };
}

export interface EditRecord {
  id: number;
  colId: string;
  /** Unique over the whole run: `NAME-SEQ`. */
  value: string;
  /** The row version the edit was based on. */
  base: number;
  /** The row's version in the answer (accepted edits). */
  version: number | null;
  ms: number;
  /** 'accepted', a refusal's code, or 'transport'. */
  outcome: string;
  /** Sent from a version the client knew to be stale: must be refused with row_changed. */
  deliberateStale: boolean;
  /** row_changed: who changed the row since, and when, as the refusal names them. */
  changedBy?: { clerk: unknown; at: unknown };
}

export interface ClientReport {
  name: string;
  sent: number;
  accepted: number;
  refused: Record<string, number>;
  transportErrors: string[];
  unexpected: string[];
  reads: number;
  edits: EditRecord[];
  /** From the start signal to the last answer. */
  elapsedMs: number;
  /** Sign-in and the first read. */
  setupMs?: number;
  /** CPU time of the client process while editing (user + system). */
  cpuMs?: number;
}

/**
 * Adds clerk accounts through the contract (addUser, as the admin at the hub PC does), then
 * closes the ledger with its WAL checkpointed: the file is ready to be served or copied.
 */
export async function addAccountsAndClose(ledger: Ledger, names: readonly string[], password: string): Promise<void> {
  const session = createSession({ ledger, appVersion: 'test' });
  try {
    for (const name of names) {
      const added = await session.dispatch('addUser', { name, role: 'clerk', password });
      if (!added.ok) throw new Error(`addUser ${name}: ${added.error.code} ${added.error.message}`);
    }
    ledger.db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    session.close();
  }
}

export interface RunningClient {
  child: ChildProcess;
  ready: Promise<void>;
  report: Promise<ClientReport>;
}

/** Starts one client process; it signs in and reads, then `ready` resolves; `start` sets it editing. */
export function spawnClient(plan: ClientPlan): RunningClient {
  const child = spawn(process.execPath, ['-r', 'tsx/cjs', join(ROOT, 'test/helpers/hub-load-client.ts'), JSON.stringify(plan)], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, LEDGER_LANG: 'en' },
  });
  let stdout = '';
  let stderr = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolveReady) => (markReady = resolveReady));
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (/^ready$/m.test(stdout)) markReady();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const report = new Promise<ClientReport>((resolveReport, reject) => {
    // 'close', not 'exit': the output is read to its end.
    child.on('close', (code) => {
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) {
        reject(new Error(`client ${plan.name} exited ${code}: ${stderr.slice(-2000)}`));
        return;
      }
      resolveReport(JSON.parse(last) as ClientReport);
    });
  });
  // A client that dies before it is ready must not leave the caller waiting.
  void report.catch(() => markReady());
  return { child, ready, report };
}

/** Starts the clients, waits until every one is signed in, starts them together, collects the reports. */
export async function runClients(plans: readonly ClientPlan[], onReady?: () => void): Promise<{ reports: ClientReport[]; wallMs: number }> {
  const clients = plans.map(spawnClient);
  try {
    await Promise.all(clients.map((c) => c.ready));
    onReady?.();
    const started = performance.now();
    for (const c of clients) c.child.stdin!.write('go\n');
    const reports = await Promise.all(clients.map((c) => c.report));
    return { reports, wallMs: performance.now() - started };
  } finally {
    for (const c of clients) if (c.child.exitCode === null) c.child.kill('SIGKILL');
  }
}

/** The p-th percentile (0..100) of values, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * What must hold in the ledger after the clients' run; each broken rule is one line (none: all
 * held). `db` is the hub's ledger, read after the clients are done.
 */
export function loadProblems(db: Database.Database, reports: readonly ClientReport[]): string[] {
  const problems: string[] = [];
  const accepted = reports.flatMap((r) => r.edits.filter((e) => e.outcome === 'accepted').map((e) => ({ ...e, clerk: r.name })));
  const refused = reports.flatMap((r) => r.edits.filter((e) => e.outcome !== 'accepted').map((e) => ({ ...e, clerk: r.name })));

  // Nothing lost: every request answered, accepted or refused with row_changed, none failed on the way.
  for (const r of reports) {
    const refusedCount = Object.values(r.refused).reduce((a, b) => a + b, 0);
    if (r.sent !== r.accepted + refusedCount) problems.push(`${r.name}: ${r.sent} sent, ${r.accepted} accepted + ${refusedCount} refused`);
    if (r.transportErrors.length > 0) problems.push(`${r.name}: transport errors: ${r.transportErrors.slice(0, 3).join('; ')}`);
    if (r.unexpected.length > 0) problems.push(`${r.name}: refused other than row_changed: ${r.unexpected.slice(0, 3).join('; ')}`);
    if (r.edits.length !== r.sent) problems.push(`${r.name}: ${r.edits.length} edits recorded of ${r.sent} sent`);
  }
  // Every stale edit refused.
  for (const e of refused) if (e.deliberateStale && e.outcome !== 'row_changed') problems.push(`stale edit ${e.value}: ${e.outcome}`);
  for (const e of accepted) if (e.deliberateStale) problems.push(`stale edit ${e.value} (based on version ${e.base}) was accepted`);
  // A refusal names who changed the row (one of the clerks) and when.
  const clerks = new Set(reports.map((r) => r.name));
  for (const e of refused) {
    if (e.outcome !== 'row_changed') continue;
    const { clerk, at } = e.changedBy ?? {};
    if (typeof clerk !== 'string' || !clerks.has(clerk) || typeof at !== 'string' || at === '')
      problems.push(`refusal of ${e.value} names ${JSON.stringify(e.changedBy)}, not a clerk and a time`);
  }

  // Every accepted edit is exactly one operation, by its clerk, with one audit entry: its change.
  const operations = db.prepare(`SELECT clerk, count(*) AS n FROM operations WHERE kind = 'edit' GROUP BY clerk`).all() as {
    clerk: string;
    n: number;
  }[];
  const perClerk = new Map(operations.map((o) => [o.clerk, o.n]));
  for (const r of reports) {
    if ((perClerk.get(r.name) ?? 0) !== r.accepted)
      problems.push(`${r.name}: ${r.accepted} edits accepted, ${perClerk.get(r.name) ?? 0} edit operations with this clerk`);
    perClerk.delete(r.name);
  }
  for (const [clerk, n] of perClerk) problems.push(`${n} edit operations by ${clerk}, who is none of the clients`);
  const entries = db
    .prepare(
      `SELECT a.operation_id AS op, a.entity, a.entity_id AS id, a.field, a.old_value AS old, a.new_value AS value,
              a.clerk, o.clerk AS opClerk, o.kind,
              (SELECT count(*) FROM audit_log b WHERE b.operation_id = a.operation_id) AS entries
         FROM audit_log a JOIN operations o ON o.id = a.operation_id
        WHERE o.kind = 'edit'`,
    )
    .all() as {
    op: number;
    entity: string;
    id: number;
    field: string;
    old: string | null;
    value: string;
    clerk: string;
    opClerk: string;
    entries: number;
  }[];
  const byValue = new Map(entries.map((e) => [e.value, e]));
  if (byValue.size !== entries.length) problems.push('two audit entries wrote the same value');
  const opOf = new Map<string, number>();
  for (const e of accepted) {
    const entry = byValue.get(e.value);
    if (!entry) {
      problems.push(`accepted edit ${e.value} has no audit entry`);
      continue;
    }
    const expected = { entity: 'person', id: e.id, field: e.colId, clerk: e.clerk, opClerk: e.clerk, entries: 1 };
    const got = {
      entity: entry.entity,
      id: entry.id,
      field: entry.field,
      clerk: entry.clerk,
      opClerk: entry.opClerk,
      entries: entry.entries,
    };
    if (JSON.stringify(got) !== JSON.stringify(expected))
      problems.push(`edit ${e.value}: audit ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`);
    opOf.set(e.value, entry.op);
  }
  if (entries.length !== accepted.length) problems.push(`${entries.length} edit audit entries for ${accepted.length} accepted edits`);

  // Refused edits wrote nothing.
  const written = db.prepare('SELECT 1 FROM persons WHERE notes = @v OR skill = @v OR unit = @v OR education = @v').pluck();
  for (const e of refused) {
    if (byValue.has(e.value)) problems.push(`refused edit ${e.value} (${e.outcome}) is in the audit log`);
    if (written.get({ v: e.value })) problems.push(`refused edit ${e.value} (${e.outcome}) is in the persons table`);
  }

  // No edit was applied over a change it had not seen: on each row, in the order the hub applied
  // them, each accepted edit was based on the version the one before it produced.
  const byRow = new Map<number, (typeof accepted)[number][]>();
  for (const e of accepted) {
    if (!opOf.has(e.value)) continue;
    const list = byRow.get(e.id) ?? [];
    list.push(e);
    byRow.set(e.id, list);
  }
  const lastPerField = new Map<string, string>();
  for (const [id, list] of byRow) {
    list.sort((a, b) => opOf.get(a.value)! - opOf.get(b.value)!);
    for (let i = 1; i < list.length; i++) {
      const previous = list[i - 1]!;
      const edit = list[i]!;
      if (edit.base !== previous.version)
        problems.push(
          `person ${id}: edit ${edit.value} based on version ${edit.base} accepted after ${previous.value} made version ${previous.version}`,
        );
    }
    for (const e of list) lastPerField.set(`${id} ${e.colId}`, e.value);
  }
  // Each edited cell holds the last accepted edit's value.
  const cell = (column: string) => db.prepare(`SELECT "${column}" FROM persons WHERE id = ?`).pluck();
  const cells = new Map(EDIT_COLUMNS.map((c) => [c as string, cell(c)]));
  for (const [key, value] of lastPerField) {
    const [id, colId] = key.split(' ') as [string, string];
    const now = cells.get(colId)!.get(Number(id));
    if (now !== value) problems.push(`person ${id} ${colId} is ${String(now)}, the last accepted edit wrote ${value}`);
  }

  const check = checkLedger(db);
  if (!check.ok) problems.push(`check: ${JSON.stringify(check.problems).slice(0, 1000)}`);
  return problems;
}
