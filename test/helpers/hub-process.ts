// A hub in a process of its own, for tests that kill it and for `npm run bench:hub`:
//
//   node -r tsx/cjs test/helpers/hub-process.ts LEDGER_PATH [synchronous-normal]
//
// serves the ledger on 127.0.0.1 (a free port) and prints one JSON line, {host, port, certPem,
// fingerprint}. SIGTERM closes it cleanly and prints what it served (HubServed: TCP connections,
// calls, the time spent in dispatch, the process's CPU time); SIGKILL is what the kill test sends.
import { spawn, type ChildProcess } from 'node:child_process';
import { subscribe } from 'node:diagnostics_channel';
import { resolve } from 'node:path';
import { createSession } from '../../src/main/api/session';
import { startHub } from '../../src/main/hub/server';
import { openLedger } from '../../src/main/ledger/open';
import type { HubEndpoint } from './hub-connection';

const ROOT = resolve(__dirname, '../..');

export interface HubProcessOptions {
  /**
   * Diagnostics only (bench:hub), never what the app does:
   * - synchronous-normal: the ledger at synchronous=NORMAL (no fsync per commit), to measure what
   *   the commit's fsync costs (a power cut may then lose the last answered edits).
   */
  diagnostic?: 'synchronous-normal';
}

/** What a hub process served, from its start to its clean stop. */
export interface HubServed {
  /** TCP connections accepted (with keep-alive: about one per client). */
  connections: number;
  /** Since mark(): contract calls dispatched, the time spent in dispatch (validation, handler, SQLite, commit). */
  calls: number;
  dispatchMs: number;
  /** Since mark() (else since listening): CPU time of the hub process, user + system. */
  cpuMs: number;
}

export interface HubProcess {
  endpoint: HubEndpoint;
  child: ChildProcess;
  /** Counts calls, dispatch and CPU time from now on (SIGUSR2): after the clients signed in. */
  mark(): void;
  /** SIGTERM, and waits for the exit: what it served. */
  stop(): Promise<HubServed>;
  /** SIGKILL, and waits for the exit. */
  kill(): Promise<void>;
}

/** The process has ended and its output is read to the end. */
function exited(child: ChildProcess): Promise<void> {
  const ended = child.exitCode !== null || child.signalCode !== null;
  return ended && child.stdout?.readableEnded !== false ? Promise.resolve() : new Promise((done) => child.once('close', () => done()));
}

/** Starts a hub process on the ledger and waits until it listens. */
export function startHubProcess(ledgerPath: string, options: HubProcessOptions = {}): Promise<HubProcess> {
  const child = spawn(process.execPath, ['-r', 'tsx/cjs', __filename, ledgerPath, options.diagnostic ?? ''], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LEDGER_LANG: 'en' },
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolveStart, reject) => {
    const failed = (code: number | null) => reject(new Error(`hub process exited ${code} before listening: ${stderr.slice(-2000)}`));
    child.once('exit', failed);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const line = stdout.split('\n').find((l) => l.startsWith('{'));
      if (!line || !stdout.includes('\n', stdout.indexOf(line))) return;
      child.off('exit', failed);
      const endpoint = JSON.parse(line) as HubEndpoint;
      resolveStart({
        endpoint,
        child,
        mark: () => child.kill('SIGUSR2'),
        stop: async () => {
          child.kill('SIGTERM');
          await exited(child);
          const last = stdout.trim().split('\n').pop() ?? '';
          if (child.exitCode !== 0 || !last.includes('"connections"')) throw new Error(`hub process did not stop cleanly: ${stderr}`);
          return JSON.parse(last) as HubServed;
        },
        kill: async () => {
          child.kill('SIGKILL');
          await exited(child);
        },
      });
    });
  });
}

async function serve(ledgerPath: string, diagnostic: string): Promise<void> {
  const served: HubServed = { connections: 0, calls: 0, dispatchMs: 0, cpuMs: 0 };
  subscribe('net.server.socket', () => served.connections++);
  // The session is made here (startHub would make the same one) so that its dispatch can be timed.
  const session = createSession({ ledger: openLedger(ledgerPath), appVersion: 'hub-process' });
  const { db } = session.ledger;
  const dispatch = session.dispatch;
  const timed: typeof dispatch = (name, input, log) => {
    const started = performance.now();
    const done = () => {
      served.calls++;
      served.dispatchMs += performance.now() - started;
    };
    const answer = dispatch(name, input, log);
    if (answer instanceof Promise) return answer.finally(done);
    done();
    return answer;
  };
  session.dispatch = timed;
  if (diagnostic === 'synchronous-normal') db.pragma('synchronous = NORMAL');
  const hub = await startHub({ session, listen: { host: '127.0.0.1', port: 0 } });
  const endpoint: HubEndpoint = { host: '127.0.0.1', port: hub.port, certPem: hub.certPem, fingerprint: hub.fingerprint };
  let cpuFrom = process.cpuUsage();
  process.on('SIGUSR2', () => {
    cpuFrom = process.cpuUsage();
    served.calls = 0;
    served.dispatchMs = 0;
  });
  process.stdout.write(JSON.stringify(endpoint) + '\n');
  process.once('SIGTERM', () => {
    void hub.close().then(() => {
      session.close();
      const cpu = process.cpuUsage(cpuFrom);
      served.cpuMs = (cpu.user + cpu.system) / 1000;
      process.stdout.write(JSON.stringify(served) + '\n', () => process.exit(0));
    });
  });
}

if (require.main === module) {
  serve(process.argv[2]!, process.argv[3] ?? '').catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
