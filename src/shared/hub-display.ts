// How the office hub's facts read for a clerk (Settings, the status bar): a certificate
// fingerprint in short lines of hex pairs, the address a clerk types, a time of day.
// Plain functions, so they are unit-tested without a window.

/** The port a hub listens on unless the clerk chooses another. */
export const DEFAULT_HUB_PORT = 8443;

/** Lowest and highest port sharing may use (below 1024 needs the system's administrator). */
export const HUB_PORT_RANGE = { min: 1024, max: 65535 } as const;

const FINGERPRINT_PREFIX = 'SHA256:';

/** The fingerprint's hex digits alone, upper case: "SHA256:ab:cd…" and "ABCD…" give the same. */
export function fingerprintDigits(fingerprint: string): string {
  const text = fingerprint.trim();
  const body = text.toUpperCase().startsWith(FINGERPRINT_PREFIX) ? text.slice(FINGERPRINT_PREFIX.length) : text;
  return body.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
}

/** Whether two fingerprints name the same certificate, however they are written. */
export function sameFingerprint(a: string, b: string): boolean {
  const x = fingerprintDigits(a);
  return x.length > 0 && x === fingerprintDigits(b);
}

/**
 * The fingerprint as a clerk compares it: hex pairs separated by colons, `pairsPerLine` to a line
 * (SHA-256's 32 pairs: four lines of eight). The "SHA256:" prefix is left out (the label says it).
 */
export function fingerprintLines(fingerprint: string, pairsPerLine = 8): string[] {
  const pairs = fingerprintDigits(fingerprint).match(/.{1,2}/g) ?? [];
  const lines: string[] = [];
  for (let i = 0; i < pairs.length; i += pairsPerLine) lines.push(pairs.slice(i, i + pairsPerLine).join(':'));
  return lines;
}

export type AddressProblem = 'empty' | 'host' | 'port';

export type ParsedAddress = { ok: true; host: string; port: number; address: string } | { ok: false; problem: AddressProblem };

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function validHost(host: string): boolean {
  const v4 = IPV4.exec(host);
  if (v4 !== null) return v4.slice(1).every((part) => Number(part) <= 255);
  if (host.startsWith('[') && host.endsWith(']')) return /^[0-9a-fA-F:.]+$/.test(host.slice(1, -1)) && host.includes(':');
  return HOST_NAME.test(host) && !/^[\d.]+$/.test(host);
}

/**
 * The hub's address as the clerk typed it, as `host:port`: a PC's name, an IPv4 address or an
 * [IPv6] address in brackets, then the port (8443 when left out). "https://" and a trailing "/"
 * are forgiven, since an address is often copied from a browser.
 */
export function parseHubAddress(text: string): ParsedAddress {
  let rest = text.trim();
  if (rest === '') return { ok: false, problem: 'empty' };
  rest = rest.replace(/^https:\/\//i, '').replace(/\/+$/, '');
  let host: string;
  let portText: string | null;
  const bracketed = /^(\[[^\]]*\])(?::(.*))?$/.exec(rest);
  if (bracketed !== null) {
    host = bracketed[1] ?? '';
    portText = bracketed[2] ?? null;
  } else {
    const colons = rest.split(':').length - 1;
    if (colons > 1) return { ok: false, problem: 'host' }; // an IPv6 address needs its brackets
    const [h, p] = rest.split(':');
    host = h ?? '';
    portText = colons === 1 ? (p ?? '') : null;
  }
  if (!validHost(host)) return { ok: false, problem: 'host' };
  let port = DEFAULT_HUB_PORT;
  if (portText !== null) {
    const parsed = parsePort(portText, { min: 1, max: HUB_PORT_RANGE.max });
    if (parsed === null) return { ok: false, problem: 'port' };
    port = parsed;
  }
  const lowerHost = host.toLowerCase();
  return { ok: true, host: lowerHost, port, address: `${lowerHost}:${port}` };
}

/** A port typed by the clerk; null when it is not a whole number in the range. */
export function parsePort(text: string, range: { min: number; max: number } = HUB_PORT_RANGE): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,5}$/.test(trimmed)) return null;
  const port = Number(trimmed);
  return port >= range.min && port <= range.max ? port : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local time of day of a timestamp, HH:MM ("last contact 10:42"); '' when unreadable. */
export function clockTime(iso: string | null): string {
  if (iso === null) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
