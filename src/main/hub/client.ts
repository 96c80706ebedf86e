// Talking to an office hub over HTTPS with its pinned certificate (docs/hub.md, "Wire protocol",
// "Certificate and pinning"). The first contact (probeHub) fetches the hub's certificate from
// /hub/hello, sending nothing secret; from then on every connection trusts exactly the pinned
// certificate: it is the only CA, and the peer's SHA-256 fingerprint must equal the pin (instead
// of a host name check: an office PC is reached by an IP address or a name the certificate may
// not carry). Network failures become hub_unreachable with a reason key the sentence translates.
import { X509Certificate } from 'node:crypto';
import { Agent, request, type RequestOptions } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import type { Role } from '../../shared/api/hub.contract';
import { isLedgerErrorData, LedgerError, type Result } from '../../shared/errors';

export const HUB_APP = 'placement-ledger-hub';
export const HUB_PROTOCOL = 1;

/** Why a hub could not be reached: a key of hub.unreachableReasons (i18n/hub.ts). */
export type UnreachableReason = 'refused' | 'timeout' | 'name_not_found' | 'reset' | 'network';

export interface HubHello {
  app: string;
  protocol: number;
  hubName: string;
  appVersion: string;
}

export interface HubProbeResult {
  /** The address as host:port (what is pinned and shown). */
  address: string;
  /** "SHA256:" + the SHA-256 of the certificate's DER in hex pairs. */
  fingerprint: string;
  certPem: string;
  hello: HubHello;
}

export interface HubLogin {
  token: string;
  clerk: string;
  role: Role;
  expiresAt: string;
}

export interface HubTimeouts {
  /** Until the TLS connection stands. */
  connectMs: number;
  /** Silence on the connection while waiting for an answer to a call. */
  callMs: number;
  /** Silence while waiting for /hub/hello or a login. */
  shortMs: number;
}

export const DEFAULT_HUB_TIMEOUTS: HubTimeouts = { connectMs: 5_000, callMs: 120_000, shortMs: 8_000 };

/** host:port parts of a hub address ("host:port", "[v6]:port", with or without https://). */
export interface HubEndpoint {
  host: string;
  port: number;
  /** host:port as typed, normalised: what is pinned and shown. */
  address: string;
}

export function parseHubAddress(text: string): HubEndpoint {
  const trimmed = text
    .trim()
    .replace(/^https:\/\//i, '')
    .replace(/\/+$/, '');
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:/\s[\]]+)):(\d{1,5})$/.exec(trimmed);
  const port = match ? Number(match[3]) : NaN;
  if (!match || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new LedgerError('hub_not_a_hub', `not a hub address (host:port): ${text}`, { address: text.trim() });
  }
  const host = (match[1] ?? match[2]!).toLowerCase();
  return { host, port, address: match[1] ? `[${host}]:${port}` : `${host}:${port}` };
}

/** "SHA256:AB:CD:…" of a certificate. */
export function fingerprintOf(cert: Pick<PeerCertificate, 'fingerprint256'>): string {
  return `SHA256:${cert.fingerprint256.toUpperCase()}`;
}

/** The fingerprint as the clerk may type or paste it, compared without case or spaces. */
export function normalizeFingerprint(text: string): string {
  const hex = text
    .trim()
    .replace(/^sha-?256:?/i, '')
    .replace(/[\s:]/g, '')
    .toUpperCase();
  return /^[0-9A-F]{64}$/.test(hex) ? `SHA256:${hex.match(/../g)!.join(':')}` : text.trim();
}

export function fingerprintOfPem(pem: string): string {
  return `SHA256:${new X509Certificate(pem).fingerprint256.toUpperCase()}`;
}

function pemOf(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

const CERT_MISMATCH = 'HUB_CERT_MISMATCH';

/** TLS verification failures: the hub presented a certificate other than the pinned one. */
const CERT_ERROR_CODES = new Set([
  CERT_MISMATCH,
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_NOT_YET_VALID',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

class HubTimeout extends Error {
  readonly code = 'HUB_TIMEOUT';
}

/** A transport failure (no answer, not TLS, not our hub, another certificate) as a LedgerError. */
export function hubErrorFrom(error: unknown, address: string): LedgerError {
  if (error instanceof LedgerError) return error;
  const code = (error as { code?: string } | null)?.code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (CERT_ERROR_CODES.has(code)) {
    return new LedgerError('hub_certificate_changed', `the hub at ${address} presented another certificate (${code})`, { address });
  }
  // A plain-HTTP server (or anything else) on the port: the TLS handshake fails.
  if (code === 'EPROTO' || code.startsWith('ERR_SSL') || /wrong version number|packet length too long|unknown protocol/i.test(message)) {
    return new LedgerError('hub_not_a_hub', `${address} does not speak TLS: ${message}`, { address });
  }
  const reason: UnreachableReason =
    code === 'ECONNREFUSED'
      ? 'refused'
      : code === 'HUB_TIMEOUT' || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT'
        ? 'timeout'
        : code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME'
          ? 'name_not_found'
          : code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED'
            ? 'reset'
            : 'network';
  return new LedgerError('hub_unreachable', `cannot reach the hub at ${address}: ${code || message}`, { address, reason });
}

interface RawAnswer {
  status: number;
  body: string;
}

function isHello(value: unknown): value is HubHello {
  const v = value as Partial<HubHello> | null;
  return typeof v === 'object' && v !== null && v.app === HUB_APP && typeof v.protocol === 'number';
}

function notAHub(address: string, why: string): LedgerError {
  return new LedgerError('hub_not_a_hub', `${address} is not a ledger hub: ${why}`, { address });
}

/** One HTTPS exchange with time limits: connecting, then silence while waiting. */
function exchange(
  endpoint: HubEndpoint,
  options: RequestOptions & { body?: string },
  timeouts: { connectMs: number; idleMs: number },
  onResponse?: (res: IncomingMessage) => void,
): Promise<RawAnswer & { reusedSocket: boolean }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {
      Host: endpoint.address,
      Accept: 'application/json',
      ...(options.headers as Record<string, string>),
    };
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json; charset=utf-8';
      headers['Content-Length'] = Buffer.byteLength(options.body);
    }
    const req = request({
      ...options,
      host: endpoint.host,
      port: endpoint.port,
      // SNI carries names only (never an IP address).
      ...(isIP(endpoint.host) ? {} : { servername: endpoint.host }),
      headers,
    });
    let connectTimer: NodeJS.Timeout | undefined;
    req.on('socket', (socket: TLSSocket) => {
      if (socket.connecting) {
        connectTimer = setTimeout(() => req.destroy(new HubTimeout('connect timed out')), timeouts.connectMs);
        socket.once('secureConnect', () => clearTimeout(connectTimer));
      }
    });
    req.setTimeout(timeouts.idleMs, () => req.destroy(new HubTimeout('no answer in time')));
    req.on('error', (error) => {
      clearTimeout(connectTimer);
      reject(Object.assign(error, { reusedSocket: req.reusedSocket }));
    });
    req.on('response', (res) => {
      clearTimeout(connectTimer);
      onResponse?.(res);
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('aborted', () => reject(Object.assign(new Error('answer cut off'), { code: 'ECONNRESET' })));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), reusedSocket: req.reusedSocket }),
      );
    });
    req.end(options.body);
  });
}

/**
 * The first contact with a hub: its /hub/hello and its certificate, trusting nothing and sending
 * nothing secret (no account, no token). The clerk compares the fingerprint with the hub's screen.
 */
export async function probeHubAddress(addressText: string, timeouts: HubTimeouts = DEFAULT_HUB_TIMEOUTS): Promise<HubProbeResult> {
  const endpoint = parseHubAddress(addressText);
  let certificate: PeerCertificate | null = null;
  let answer: RawAnswer;
  try {
    answer = await exchange(
      endpoint,
      { method: 'GET', path: '/hub/hello', agent: false, rejectUnauthorized: false },
      { connectMs: timeouts.connectMs, idleMs: timeouts.shortMs },
      (res) => {
        certificate = (res.socket as TLSSocket).getPeerCertificate(true);
      },
    );
  } catch (error) {
    throw hubErrorFrom(error, endpoint.address);
  }
  const cert = certificate as PeerCertificate | null;
  if (!cert?.raw) throw notAHub(endpoint.address, 'no certificate');
  let hello: unknown;
  try {
    hello = JSON.parse(answer.body);
  } catch {
    throw notAHub(endpoint.address, `answer ${answer.status} is not JSON`);
  }
  if (answer.status !== 200 || !isHello(hello)) throw notAHub(endpoint.address, `hello answered ${answer.status}`);
  if (hello.protocol !== HUB_PROTOCOL) throw notAHub(endpoint.address, `protocol ${hello.protocol}, this app speaks ${HUB_PROTOCOL}`);
  return { address: endpoint.address, fingerprint: fingerprintOf(cert), certPem: pemOf(cert.raw), hello };
}

/**
 * A connection to one hub whose certificate is pinned. Keep-alive: a clerk's calls reuse the TLS
 * connection. `call` always answers an envelope (a transport failure as hub_unreachable,
 * hub_certificate_changed or hub_not_a_hub); `hello`, `login` and `logout` throw LedgerErrors.
 */
export class HubClient {
  readonly endpoint: HubEndpoint;
  readonly fingerprint: string;
  private readonly agent: Agent;
  private readonly timeouts: HubTimeouts;
  private token: string | null;

  constructor(options: { address: string; certPem: string; fingerprint: string; token?: string; timeouts?: Partial<HubTimeouts> }) {
    this.endpoint = parseHubAddress(options.address);
    this.fingerprint = normalizeFingerprint(options.fingerprint);
    this.timeouts = { ...DEFAULT_HUB_TIMEOUTS, ...options.timeouts };
    this.token = options.token ?? null;
    const pin = this.fingerprint;
    this.agent = new Agent({
      keepAlive: true,
      maxSockets: 8,
      ca: [options.certPem],
      rejectUnauthorized: true,
      // The pinned certificate is the only CA; the peer must be exactly it (by fingerprint),
      // whatever name or address the clerk typed.
      checkServerIdentity: (_host, cert) =>
        fingerprintOf(cert) === pin
          ? undefined
          : Object.assign(new Error(`certificate ${fingerprintOf(cert)} is not the pinned ${pin}`), { code: CERT_MISMATCH }),
    });
  }

  get address(): string {
    return this.endpoint.address;
  }

  get signedIn(): boolean {
    return this.token !== null;
  }

  /** Sends one request; a keep-alive connection the hub closed meanwhile is retried once on a new one. */
  private async send(method: 'GET' | 'POST', path: string, body: unknown, idleMs: number): Promise<RawAnswer> {
    const options: RequestOptions & { body?: string } = {
      method,
      path,
      agent: this.agent,
      headers: this.token ? { Authorization: `Bearer ${this.token}` } : {},
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    };
    const limits = { connectMs: this.timeouts.connectMs, idleMs };
    try {
      return await exchange(this.endpoint, options, limits);
    } catch (error) {
      const e = error as { code?: string; reusedSocket?: boolean };
      // Node's advice: a reused idle socket the server had closed fails before the request was read.
      if (e.reusedSocket && (e.code === 'ECONNRESET' || e.code === 'EPIPE')) return exchange(this.endpoint, options, limits);
      throw error;
    }
  }

  private envelopeOf(answer: RawAnswer): Result<unknown> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(answer.body);
    } catch {
      throw notAHub(this.address, `answer ${answer.status} is not JSON`);
    }
    const envelope = parsed as Partial<Result<unknown>> | null;
    if (typeof envelope !== 'object' || envelope === null || typeof envelope.ok !== 'boolean') {
      throw notAHub(this.address, `answer ${answer.status} is not an envelope`);
    }
    if (envelope.ok === false && !isLedgerErrorData(envelope.error)) throw notAHub(this.address, 'error without a code');
    return envelope as Result<unknown>;
  }

  /** /hub/hello over the pinned connection: the hub is there and still has its certificate. */
  async hello(idleMs = this.timeouts.shortMs): Promise<HubHello> {
    let answer: RawAnswer;
    try {
      answer = await this.send('GET', '/hub/hello', undefined, idleMs);
    } catch (error) {
      throw hubErrorFrom(error, this.address);
    }
    let hello: unknown;
    try {
      hello = JSON.parse(answer.body);
    } catch {
      throw notAHub(this.address, `hello answered ${answer.status}`);
    }
    if (!isHello(hello)) throw notAHub(this.address, `hello answered ${answer.status}`);
    return hello;
  }

  /** Signs in; keeps the token for the calls that follow. */
  async login(name: string, password: string): Promise<HubLogin> {
    let envelope: Result<unknown>;
    try {
      envelope = this.envelopeOf(await this.send('POST', '/hub/login', { name, password }, this.timeouts.shortMs));
    } catch (error) {
      throw hubErrorFrom(error, this.address);
    }
    if (!envelope.ok) throw new LedgerError(envelope.error.code, envelope.error.message, envelope.error.details);
    const login = envelope.value as HubLogin;
    if (typeof login?.token !== 'string') throw notAHub(this.address, 'login answered no token');
    this.token = login.token;
    return login;
  }

  /** One contract call on the hub: its envelope. */
  async call(name: string, input: unknown): Promise<Result<unknown>> {
    try {
      const answer = await this.send('POST', `/api/${encodeURIComponent(name)}`, input ?? {}, this.timeouts.callMs);
      const envelope = this.envelopeOf(answer);
      if (answer.status === 401 && (envelope.ok || envelope.error.code !== 'session_expired')) {
        return { ok: false, error: { code: 'session_expired', message: `the hub answered 401 to ${name}`, details: {} } };
      }
      return envelope;
    } catch (error) {
      return { ok: false, error: hubErrorFrom(error, this.address).toData() };
    }
  }

  /** Ends the session on the hub (best effort: an unreachable hub lets it expire). */
  async logout(): Promise<void> {
    if (this.token === null) return;
    try {
      await this.send('POST', '/hub/logout', {}, this.timeouts.shortMs);
    } catch {
      // The hub drops the session itself after 2 h without a call.
    } finally {
      this.token = null;
    }
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.agent.destroy();
  }
}
