// The app working on another PC's ledger (docs/hub.md, "Modes": connected). The same dispatch as
// the local session: every call but HUB_LOCAL_CALLS goes to the hub through the pinned HubClient;
// a few calls about this PC stay here — its dialogs, its folders, the file an import reads and
// the folder an export writes to. Whether the hub answers is tracked for getHubStatus (a light
// /hub/hello every few seconds while nothing else was sent).
import type { HubStatus } from '../../shared/api/hub.contract';
import { HUB_LOCAL_CALLS } from '../../shared/api/hub.names';
import { isApiCallName } from '../api/dispatch';
import type { ConnectedHub, DesktopIntegration } from '../api/context';
import type { ApiCallName } from '../../shared/api-names';
import { contract, type CallInput } from '../../shared/contract';
import { LedgerError, type Result } from '../../shared/errors';
import { invalidInputError } from '../../shared/validation';
import type { HubClient, HubLogin } from './client';
import { createDownloads, type Downloads } from './downloads';
import { throwingCall, uploadImportFile } from './hub-call';

export const HEARTBEAT_MS = 2_000;

type Override = (input: unknown) => unknown;

export class RemoteSession implements ConnectedHub {
  readonly client: HubClient;
  readonly login: HubLogin;
  private reachable = true;
  private lastContactAt: string | null;
  private lastSentAt = Date.now();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly overrides: Partial<Record<ApiCallName, Override>>;
  private readonly downloads: Downloads;
  private closed = false;

  constructor(options: { client: HubClient; login: HubLogin; desktop: DesktopIntegration; heartbeatMs?: number }) {
    this.client = options.client;
    this.login = options.login;
    this.lastContactAt = new Date().toISOString();
    const desktop = options.desktop;
    const call = throwingCall((name, input) => this.forward(name, input));
    this.downloads = createDownloads(call, desktop);
    this.overrides = {
      // This PC's dialog; the chosen file goes to the hub through the upload calls.
      chooseImportFile: async () => {
        if (!desktop.chooseImportFile) throw new LedgerError('import_dialog_unavailable', 'no native file dialog here', {});
        const path = await desktop.chooseImportFile();
        return { file: path === null ? null : await uploadImportFile(call, path) };
      },
      getImportCapabilities: async () => ({
        ...(await call('getImportCapabilities', {})),
        nativeDialog: desktop.chooseImportFile !== undefined,
      }),
      ...this.downloads.overrides,
      printDashboard: async (input) => {
        const { suggestedName } = input as CallInput<'printDashboard'>;
        if (!desktop.printWindowToPdf) return { supported: false, path: null };
        return { supported: true, path: await desktop.printWindowToPdf(suggestedName) };
      },
    };
    const every = options.heartbeatMs ?? HEARTBEAT_MS;
    this.heartbeat = setInterval(() => void this.beat(every), Math.max(100, Math.floor(every / 2)));
    this.heartbeat.unref();
  }

  private noteAnswer(envelope: Result<unknown>): Result<unknown> {
    const lost = !envelope.ok && (envelope.error.code === 'hub_unreachable' || envelope.error.code === 'hub_certificate_changed');
    this.reachable = !lost;
    if (!lost) this.lastContactAt = new Date().toISOString();
    return envelope;
  }

  /** A call sent to the hub as it is. */
  async forward(name: string, input: unknown): Promise<Result<unknown>> {
    this.lastSentAt = Date.now();
    return this.noteAnswer(await this.client.call(name, input));
  }

  private async beat(every: number): Promise<void> {
    if (this.closed || Date.now() - this.lastSentAt < every) return;
    this.lastSentAt = Date.now();
    try {
      // An idle heartbeat waits briefly, so the status bar says "unreachable" within seconds.
      await this.client.hello(every === 0 ? 4_000 : Math.min(1_500, every));
      this.reachable = true;
      this.lastContactAt = new Date().toISOString();
    } catch {
      this.reachable = false;
    }
  }

  /** Checks now whether the hub answers (at connect, and in tests). */
  async ping(): Promise<boolean> {
    this.lastSentAt = Date.now() - HEARTBEAT_MS * 10;
    await this.beat(0);
    return this.reachable;
  }

  status(): HubStatus {
    return {
      mode: 'connected',
      addresses: [this.client.address],
      fingerprint: this.client.fingerprint,
      clerk: this.login.clerk,
      role: this.login.role,
      reachable: this.reachable,
      lastContactAt: this.lastContactAt,
      clerksSignedIn: 0,
    };
  }

  /** The session's dispatch: this PC's few calls here, every other one on the hub. */
  async dispatch(name: unknown, input: unknown): Promise<Result<unknown>> {
    if (!isApiCallName(name)) {
      return { ok: false, error: { code: 'unknown_call', message: `unknown call ${String(name)}`, details: { name: String(name) } } };
    }
    if (name === 'getHubStatus') return { ok: true, value: this.status() };
    if (HUB_LOCAL_CALLS.includes(name)) {
      return { ok: false, error: { code: 'internal', message: `${name} is answered by the app session`, details: {} } };
    }
    const override = this.overrides[name];
    if (!override) return this.forward(name, input);
    const parsed = contract[name].input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: invalidInputError(parsed.error, name) };
    try {
      return { ok: true, value: await override(parsed.data) };
    } catch (error) {
      if (error instanceof LedgerError) return this.noteAnswer({ ok: false, error: error.toData() });
      console.error(`[hub] call ${name} failed`, error);
      return { ok: false, error: { code: 'internal', message: `call ${name} failed` } };
    }
  }

  /** Signs out (best effort), stops the heartbeat, drops what was fetched for this session. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    await this.downloads.dispose();
    await this.client.logout();
    this.client.close();
  }
}
