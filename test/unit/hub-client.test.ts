// A clerk's PC working on an office hub (docs/hub.md): the real hub (startHub, TLS on 127.0.0.1,
// real SQLite in temp folders), the app's session switched to it with connectHub, and the CLI
// with --remote as a process of its own.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HubProbe, HubStatus } from '../../src/shared/api/hub.contract';
import type { Result } from '../../src/shared/errors';
import { errorSentence } from '../../src/shared/i18n';
import { createSession, type LedgerSession } from '../../src/main/api/session';
import { addUser } from '../../src/main/hub/accounts';
import { startHub } from '../../src/main/hub/server';
import { HubPins } from '../../src/main/hub/pins';
import { HubClient, probeHubAddress } from '../../src/main/hub/client';
import { RemoteSession } from '../../src/main/hub/remote-session';
import { openLedger } from '../../src/main/ledger/open';
import { startWebHost } from '../../src/main/web/host';
import { tempDir } from '../helpers/ledger';

const root = resolve(__dirname, '../..');
const SAMPLES = process.env.SHARED_SAMPLES ?? join(__dirname, '../../../shared/samples');
const PASSWORD = 'correct horse 7';

type Hub = Awaited<ReturnType<typeof startHub>>;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/cli/index.ts', ...args], {
      cwd: root,
      env: { ...process.env, LEDGER_LANG: 'en', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

/** A hub on a fresh ledger with the account kim (clerk). */
async function hubWithAccount(): Promise<{
  dir: string;
  dbPath: string;
  certDir: string;
  hub: Hub;
  start(certDir?: string): Promise<Hub>;
}> {
  const t = tempDir('hub-client-');
  cleanups.push(t.cleanup);
  const dbPath = join(t.dir, 'hub.sqlite');
  const certDir = join(t.dir, 'cert');
  let port = 0;
  const start = async (dir = certDir) => {
    const hub = await startHub({ dbPath, listen: { host: '127.0.0.1', port }, certDir: dir });
    port = hub.port;
    cleanups.push(() => hub.close());
    return hub;
  };
  const hub = await start();
  await addUser(hub.ledger.db, 'test setup', { name: 'kim', role: 'clerk', password: PASSWORD });
  return { dir: t.dir, dbPath, certDir, hub, start };
}

/** A port free on every address now (the OS picks it). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '0.0.0.0', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

/** A clerk's app on its own (untouched) ledger, able to connect to a hub. */
function clerkApp(dir: string): LedgerSession {
  const session = createSession({
    ledger: openLedger(join(dir, 'clerk.sqlite'), { create: true }),
    appVersion: 'test',
    hubPins: new HubPins(join(dir, 'clerk-data')),
    // The desktop's open dialog, answering a file of this PC.
    desktop: { chooseImportFile: () => Promise.resolve(join(SAMPLES, 'decision-11-spring-utf8.csv')) },
  });
  cleanups.push(() => session.close());
  return session;
}

async function call<T>(session: LedgerSession, name: string, input: unknown): Promise<Result<T>> {
  return (await session.dispatch(name, input)) as Result<T>;
}

async function value<T>(session: LedgerSession, name: string, input: unknown): Promise<T> {
  const envelope = await call<T>(session, name, input);
  if (!envelope.ok) throw new Error(`${name}: ${JSON.stringify(envelope.error)}`);
  return envelope.value;
}

describe('working on an office hub', () => {
  it('probes, refuses an unconfirmed or wrong fingerprint, connects with the right one and edits as the account', async () => {
    const { dir, dbPath, hub } = await hubWithAccount();
    const app = clerkApp(dir);
    const address = `127.0.0.1:${hub.port}`;
    const probe = await value<HubProbe>(app, 'probeHub', { address });
    expect(probe.fingerprint).toBe(hub.fingerprint);
    expect(probe.pinnedFingerprint).toBeNull();

    const wrong = hub.fingerprint.replace(/^SHA256:(..)/, (_, h: string) => `SHA256:${h === 'AA' ? 'BB' : 'AA'}`);
    const refused = await call(app, 'connectHub', { address, fingerprint: wrong, name: 'kim', password: PASSWORD });
    expect(refused.ok || refused.error.code).toBe('hub_certificate_changed');
    const unconfirmed = await call(app, 'connectHub', { address, fingerprint: 'not confirmed', name: 'kim', password: PASSWORD });
    expect(unconfirmed.ok || unconfirmed.error.code).toBe('hub_certificate_unconfirmed');
    const badPassword = await call(app, 'connectHub', { address, fingerprint: hub.fingerprint, name: 'kim', password: 'wrong one!' });
    expect(badPassword.ok || badPassword.error.code).toBe('login_failed');
    expect((await value<HubStatus>(app, 'getHubStatus', {})).mode).toBe('local');

    // This PC shares its own ledger first: connecting to another hub ends that sharing.
    await addUser(app.ledger.db, 'test setup', { name: 'admin', role: 'admin', password: PASSWORD });
    const sharePort = await freePort();
    expect((await value<HubStatus>(app, 'startSharing', { port: sharePort })).mode).toBe('sharing');
    expect((await probeHubAddress(`127.0.0.1:${sharePort}`)).fingerprint).toMatch(/^SHA256:/);

    const status = await value<HubStatus>(app, 'connectHub', { address, fingerprint: hub.fingerprint, name: 'kim', password: PASSWORD });
    expect(status).toMatchObject({ mode: 'connected', clerk: 'kim', role: 'clerk', reachable: true, addresses: [address] });
    await expect(probeHubAddress(`127.0.0.1:${sharePort}`)).rejects.toMatchObject({ code: 'hub_unreachable' });
    // The calls now go to the hub's ledger.
    expect((await value<{ ledgerPath: string }>(app, 'getInfo', {})).ledgerPath).toBe(resolve(dbPath));
    await value(app, 'gridAddRow', { grid: 'cohorts', values: { year: 2031, term: 'spring' } });
    const db = openLedger(dbPath).db;
    const cohort = db.prepare("SELECT id FROM cohorts WHERE year = 2031 AND term = 'spring'").get();
    const clerk = db.prepare('SELECT clerk FROM audit_log ORDER BY id DESC LIMIT 1').pluck().get();
    db.close();
    expect(cohort).toBeDefined();
    expect(clerk).toBe('kim');
    // This PC's own ledger was left alone.
    const local = openLedger(join(dir, 'clerk.sqlite')).db;
    expect(local.prepare('SELECT count(*) FROM cohorts WHERE year = 2031').pluck().get()).toBe(0);
    local.close();

    const back = await value<HubStatus>(app, 'disconnectHub', {});
    expect(back.mode).toBe('local');
    expect((await value<{ ledgerPath: string }>(app, 'getInfo', {})).ledgerPath).toBe(resolve(join(dir, 'clerk.sqlite')));
  });

  it('says at once when the hub is gone, works again when it is back, refuses a changed certificate', async () => {
    const { dir, hub, start } = await hubWithAccount();
    const app = clerkApp(dir);
    const address = `127.0.0.1:${hub.port}`;
    await value(app, 'connectHub', { address, fingerprint: hub.fingerprint, name: 'kim', password: PASSWORD });
    // A second clerk's session that sends nothing: its heartbeat notices the hub going away.
    const probe0 = await probeHubAddress(address);
    const quiet = new RemoteSession({
      client: new HubClient({ address, certPem: probe0.certPem, fingerprint: probe0.fingerprint }),
      login: await new HubClient({ address, certPem: probe0.certPem, fingerprint: probe0.fingerprint }).login('kim', PASSWORD),
      desktop: {},
      heartbeatMs: 200,
    });
    cleanups.push(() => quiet.close());
    expect(quiet.status().reachable).toBe(true);
    await hub.close();
    for (let i = 0; i < 40 && quiet.status().reachable; i++) await new Promise((r) => setTimeout(r, 50));
    expect(quiet.status().reachable).toBe(false);
    const started = Date.now();
    const gone = await call(app, 'getInfo', {});
    expect(gone.ok || gone.error).toMatchObject({ code: 'hub_unreachable', details: { reason: 'refused' } });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(gone.ok || errorSentence(gone.error, 'ko')).toContain('련결을 거절당했습니다');
    expect((await value<HubStatus>(app, 'getHubStatus', {})).reachable).toBe(false);

    const again = await start();
    expect((await call(app, 'getInfo', {})).ok).toBe(true);
    expect((await value<HubStatus>(app, 'getHubStatus', {})).reachable).toBe(true);
    await again.close();

    // The same address with another certificate (a new certificate folder): refused, and probeHub
    // shows both fingerprints.
    const other = await start(join(dir, 'other-cert'));
    expect(other.fingerprint).not.toBe(hub.fingerprint);
    const changed = await call(app, 'getInfo', {});
    expect(changed.ok || changed.error.code).toBe('hub_certificate_changed');
    const probe = await value<HubProbe>(app, 'probeHub', { address });
    expect(probe).toMatchObject({ fingerprint: other.fingerprint, pinnedFingerprint: hub.fingerprint });
    const reconnect = await call(app, 'connectHub', { address, fingerprint: hub.fingerprint, name: 'kim', password: PASSWORD });
    expect(reconnect.ok || reconnect.error.code).toBe('hub_certificate_changed');
  });

  it('imports a file of this PC on the hub and fetches an export back into this PC’s folder', async () => {
    const { dir, dbPath, hub } = await hubWithAccount();
    const app = clerkApp(dir);
    await value(app, 'connectHub', { address: `127.0.0.1:${hub.port}`, fingerprint: hub.fingerprint, name: 'kim', password: PASSWORD });
    const out = join(dir, 'rosters');
    // What this PC sends the hub (the hub shares this machine's disk here, so the files' place
    // alone would not show who wrote them): the hub must write into its own folder, fetched here.
    const client = (app.hub!.remote as RemoteSession).client;
    const sent: { name: string; input: Record<string, unknown> }[] = [];
    const send = client.call.bind(client);
    client.call = (name, input) => {
      sent.push({ name, input: input as Record<string, unknown> });
      return send(name, input);
    };
    const cli = await run(
      [
        '--remote',
        `https://127.0.0.1:${hub.port}`,
        '--fingerprint',
        hub.fingerprint,
        'import',
        join(SAMPLES, 'decision-11-fall-clean.xlsx'),
      ],
      {
        LEDGER_USER: 'kim',
        LEDGER_PASSWORD: PASSWORD,
        XDG_CONFIG_HOME: join(dir, 'cli-config'),
      },
    );
    expect(cli.code, cli.stderr).toBe(0);
    const db = openLedger(dbPath).db;
    const persons = db.prepare('SELECT count(*) FROM persons').pluck().get() as number;
    db.close();
    expect(persons).toBeGreaterThan(0);
    // The app's import dialog: the file chosen on this PC is uploaded and read on the hub.
    const chosen = await value<{ file: { fileId: string; fileName: string } | null }>(app, 'chooseImportFile', {});
    expect(chosen.file?.fileName).toBe('decision-11-spring-utf8.csv');
    let dry = await value<{ id: string; state: string; result: { rows: { data: number } } | null }>(app, 'startImportDryRun', {
      fileId: chosen.file!.fileId,
    });
    for (let i = 0; i < 300 && dry.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      dry = await value(app, 'getJob', { jobId: dry.id });
    }
    expect(dry.result?.rows.data).toBeGreaterThan(0);
    expect((await value<{ nativeDialog: boolean }>(app, 'getImportCapabilities', {})).nativeDialog).toBe(true);

    const cliEnv = { LEDGER_USER: 'kim', LEDGER_PASSWORD: PASSWORD, XDG_CONFIG_HOME: join(dir, 'cli-config') };
    const remote = ['--remote', `https://127.0.0.1:${hub.port}`];
    const [fill, allocate] = await Promise.all([
      run([...remote, 'report', 'fill', '--json'], cliEnv),
      run([...remote, 'allocate', '--dry-run', '--json'], cliEnv),
    ]);
    expect(fill.code, fill.stderr).toBe(0);
    expect(JSON.parse(fill.stdout).totals.decided).toBe(persons);
    expect(allocate.code, allocate.stderr).toBe(0);
    expect(JSON.parse(allocate.stdout)).toMatchObject({ runId: null, unassigned: expect.any(Number) });

    const { cohorts } = await value<{ cohorts: { year: number; term: string }[] }>(app, 'listExportCohorts', {});
    const { year, term: season } = cohorts[0]!;
    const term = { year, term: season };
    const plan = await value<{ folder: string; files: { path: string; exists: boolean }[] }>(app, 'planExport', { ...term, folder: out });
    expect(plan.folder).toBe(out);
    expect(plan.files.every((f) => f.path.startsWith(out) && !f.exists)).toBe(true);
    let job = await value<{ id: string; state: string; result: { files: { path: string }[] } | null }>(app, 'startExport', {
      ...term,
      folder: out,
    });
    for (let i = 0; i < 300 && job.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = await value(app, 'getJob', { jobId: job.id });
    }
    expect(job.state).toBe('done');
    expect(job.result!.files.length).toBe(plan.files.length);
    for (const f of job.result!.files) expect(existsSync(f.path) && f.path.startsWith(out)).toBe(true);
    const hubExport = sent.find((c) => c.name === 'startExport');
    expect(hubExport?.input.folder).not.toBe(out);
    expect(sent.filter((c) => c.name === 'readDownload').length).toBeGreaterThanOrEqual(plan.files.length);
    expect(existsSync(String(hubExport?.input.folder))).toBe(false); // discarded once fetched
    expect(readdirSync(out).sort()).toEqual(job.result!.files.map((f) => f.path.slice(out.length + 1)).sort());

    // "Export this view" likewise: the hub writes into its own folder, the file lands here.
    const views = join(dir, 'views');
    let view = await value<{ id: string; state: string; result: { path: string } | null }>(app, 'exportGridView', {
      grid: 'persons',
      view: {},
      columns: ['name'],
      format: 'xlsx',
      folder: views,
      fileName: 'persons',
      language: 'ko',
    });
    for (let i = 0; i < 300 && view.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      view = await value(app, 'getJob', { jobId: view.id });
    }
    expect(view.result?.path).toBe(join(views, 'persons.xlsx'));
    expect(existsSync(join(views, 'persons.xlsx'))).toBe(true);
    expect(sent.find((c) => c.name === 'exportGridView')?.input.folder).not.toBe(views);

    // A clerk's account cannot make the hub write anywhere else on its disk.
    const elsewhere = join(dir, 'elsewhere');
    const direct = await client.call('exportGridView', {
      grid: 'persons',
      view: {},
      columns: ['name'],
      format: 'csv',
      folder: elsewhere,
      fileName: 'x',
      language: 'ko',
    });
    expect(direct.ok || direct.error.code).toBe('hub_call_local_only');
    const roster = await client.call('startExport', { ...term, folder: elsewhere });
    expect(roster.ok || roster.error.code).toBe('hub_call_local_only');
    expect(existsSync(elsewhere)).toBe(false);
  });

  it('CLI --remote: stats and undo with the account from the environment; no confirmed fingerprint refused', async () => {
    const { dir, dbPath, hub } = await hubWithAccount();
    const env = { LEDGER_USER: 'kim', LEDGER_PASSWORD: PASSWORD, XDG_CONFIG_HOME: join(dir, 'cli-config') };
    const url = `https://127.0.0.1:${hub.port}`;
    const unconfirmed = await run(['--remote', url, 'stats'], env);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toContain(hub.fingerprint);
    const stats = await run(['--remote', url, '--fingerprint', hub.fingerprint, 'stats', '--json'], env);
    expect(stats.code, stats.stderr).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({ path: resolve(dbPath) });
    // The fingerprint is pinned now: the next command needs no --fingerprint.
    const edit = await run(['--remote', url, 'undo'], env);
    expect(edit.code).toBe(1); // nothing of kim's to undo yet
    expect(edit.stderr).toMatch(/nothing to undo|not undone/i);
    const local = await run(['--remote', url, 'backup', join(dir, 'b.sqlite')], env);
    expect(local.code).toBe(2);
    expect(local.stderr).toContain('cannot run with --remote');
    const users = await run(['--remote', url, 'users', 'list'], env);
    expect(users.code).toBe(2);
    expect(users.stderr).toContain('cannot run with --remote');
  });

  it('a web host as a clerk’s PC: connects over HTTP calls and saves “Export this view” of the hub here', async () => {
    const { dir, hub } = await hubWithAccount();
    const rendererDir = join(dir, 'renderer');
    mkdirSync(rendererDir);
    const web = await startWebHost({ dbPath: join(dir, 'web.sqlite'), rendererDir, dataDir: join(dir, 'web-data') });
    cleanups.push(() => web.close());
    const api = async <T>(name: string, input: unknown): Promise<Result<T>> => {
      const res = await fetch(`${web.origin}/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-ledger-token': web.token },
        body: JSON.stringify(input),
      });
      return (await res.json()) as Result<T>;
    };
    // A port that is not a hub (this web host's own plain-HTTP one): said so.
    const notHub = await api<HubProbe>('probeHub', { address: `127.0.0.1:${new URL(web.origin).port}` });
    expect(notHub.ok || notHub.error.code).toBe('hub_not_a_hub');
    const address = `127.0.0.1:${hub.port}`;
    const probe = await api<HubProbe>('probeHub', { address });
    expect(probe.ok && probe.value.fingerprint).toBe(hub.fingerprint);
    const connected = await api<HubStatus>('connectHub', { address, fingerprint: hub.fingerprint, name: 'kim', password: PASSWORD });
    expect(connected.ok && connected.value.mode).toBe('connected');
    expect(JSON.parse(readFileSync(join(dir, 'web-data', 'hubs.json'), 'utf8'))).toMatchObject({
      connected: address,
      hubs: { [address]: { fingerprint: hub.fingerprint, lastName: 'kim' } },
    });
    expect(readFileSync(join(dir, 'web-data', 'hubs.json'), 'utf8')).not.toContain(PASSWORD);
    await api('gridAddRow', { grid: 'cohorts', values: { year: 2032, term: 'fall' } });

    const out = join(dir, 'views');
    const started = await api<{ id: string; state: string }>('exportGridView', {
      grid: 'cohorts',
      view: {},
      columns: ['year', 'term'],
      format: 'csv',
      folder: out,
      fileName: 'cohorts',
      language: 'en',
    });
    expect(started.ok, JSON.stringify(started)).toBe(true);
    let job = started.ok ? (started.value as { id: string; state: string; result?: { path: string } | null }) : null;
    for (let i = 0; i < 100 && job?.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const next = await api<typeof job>('getJob', { jobId: job.id });
      job = next.ok ? next.value : null;
    }
    expect(job?.state).toBe('done');
    expect(job?.result?.path).toBe(join(out, 'cohorts.csv'));
    expect(readFileSync(join(out, 'cohorts.csv'), 'utf8')).toContain('2032');

    const local = await api<HubStatus>('disconnectHub', {});
    expect(local.ok && local.value.mode).toBe('local');
    expect(JSON.parse(readFileSync(join(dir, 'web-data', 'hubs.json'), 'utf8')).connected).toBeNull();
  });
});
