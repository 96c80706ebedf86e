// A hub in a process of its own, for tests that kill it and for `npm run bench:hub`:
//
//   node -r tsx/cjs test/helpers/hub-process.ts LEDGER_PATH [NORMAL]
//
// serves the ledger on 127.0.0.1 (a free port) and prints one JSON line, {host, port, certPem,
// fingerprint}. SIGTERM closes it cleanly; SIGKILL is what the kill test sends.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { startHub } from '../../src/main/hub/server';
import type { HubEndpoint } from './hub-connection';

const ROOT = resolve(__dirname, '../..');

export interface HubProcessOptions {
  /**
   * Diagnostics only (bench:hub): the ledger's synchronous pragma set to this after the hub opened
   * it, to measure what the commit's fsync costs. The app always keeps FULL.
   */
  synchronous?: 'NORMAL';
}

export interface HubProcess {
  endpoint: HubEndpoint;
  child: ChildProcess;
  /** SIGTERM, and waits for the exit. */
  stop(): Promise<void>;
  /** SIGKILL, and waits for the exit. */
  kill(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((done) => child.once('exit', () => done()));
}

/** Starts a hub process on the ledger and waits until it listens. */
export function startHubProcess(ledgerPath: string, options: HubProcessOptions = {}): Promise<HubProcess> {
  const child = spawn(process.execPath, ['-r', 'tsx/cjs', __filename, ledgerPath, options.synchronous ?? ''], {
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
        stop: async () => {
          child.kill('SIGTERM');
          await exited(child);
        },
        kill: async () => {
          child.kill('SIGKILL');
          await exited(child);
        },
      });
    });
  });
}

async function serve(ledgerPath: string, synchronous: string): Promise<void> {
  const hub = await startHub({ dbPath: ledgerPath, listen: { host: '127.0.0.1', port: 0 } });
  if (synchronous === 'NORMAL') hub.ledger.db.pragma('synchronous = NORMAL');
  const endpoint: HubEndpoint = { host: '127.0.0.1', port: hub.port, certPem: hub.certPem, fingerprint: hub.fingerprint };
  process.stdout.write(JSON.stringify(endpoint) + '\n');
  process.once('SIGTERM', () => {
    void hub.close().then(() => process.exit(0));
  });
}

if (require.main === module) {
  serve(process.argv[2]!, process.argv[3] ?? '').catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
