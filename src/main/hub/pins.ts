// This PC's pinned hubs (docs/hub.md, "Certificate and pinning"): hubs.json in the app's data
// folder, address → the certificate the clerk confirmed (fingerprint and PEM) and the account last
// used there — never a password or a token. Also which hub the app was connected to, so the next
// start connects again. Written whole to a temp file, then renamed into place.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PINS_FILE = 'hubs.json';

export interface HubPin {
  fingerprint: string;
  certPem: string;
  /** The account last signed in with at this hub (to fill in the form). */
  lastName: string | null;
  pinnedAt: string;
}

interface PinsFile {
  hubs: Record<string, HubPin>;
  /** The hub the app was working on when it last stopped (null: the local ledger). */
  connected: string | null;
}

function isPin(value: unknown): value is HubPin {
  const v = value as Partial<HubPin> | null;
  return typeof v === 'object' && v !== null && typeof v.fingerprint === 'string' && typeof v.certPem === 'string';
}

export class HubPins {
  constructor(readonly dir: string) {}

  get path(): string {
    return join(this.dir, PINS_FILE);
  }

  private read(): PinsFile {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.path, 'utf8'));
    } catch {
      return { hubs: {}, connected: null };
    }
    const file = raw as Partial<PinsFile> | null;
    const hubs: Record<string, HubPin> = {};
    for (const [address, pin] of Object.entries(typeof file?.hubs === 'object' && file.hubs !== null ? file.hubs : {})) {
      if (isPin(pin))
        hubs[address] = { fingerprint: pin.fingerprint, certPem: pin.certPem, lastName: pin.lastName ?? null, pinnedAt: pin.pinnedAt };
    }
    return { hubs, connected: typeof file?.connected === 'string' ? file.connected : null };
  }

  private write(file: PinsFile): void {
    mkdirSync(this.dir, { recursive: true });
    const temp = join(this.dir, `${PINS_FILE}.${process.pid}.tmp`);
    try {
      writeFileSync(temp, JSON.stringify(file, null, 2), { mode: 0o600 });
      renameSync(temp, this.path);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
  }

  get(address: string): HubPin | null {
    return this.read().hubs[address] ?? null;
  }

  /** Pins (or re-pins, after the clerk confirmed a new fingerprint) the hub's certificate. */
  pin(address: string, pin: { fingerprint: string; certPem: string; lastName: string | null }): void {
    const file = this.read();
    file.hubs[address] = { ...pin, pinnedAt: new Date().toISOString() };
    this.write(file);
  }

  /** The hub to connect to at the next start; null for the local ledger. */
  get connected(): string | null {
    const file = this.read();
    return file.connected !== null && file.hubs[file.connected] ? file.connected : null;
  }

  setConnected(address: string | null): void {
    const file = this.read();
    if (file.connected === address) return;
    file.connected = address;
    this.write(file);
  }
}
