// The office hub (issue 15; protocol and design in docs/hub.md). One PC shares its ledger on the
// office network (startSharing); the others connect to it (probeHub shows its certificate's
// fingerprint for the clerk to confirm, connectHub signs in and pins it) and from then on every
// other call goes to the hub. Accounts are the hub's; changesSince lets a grid show colleagues'
// changes within seconds.
import { z } from 'zod';
import { call, type AnyCallSpec } from './define';
import type { HUB_CALLS } from './hub.names';

export const ROLES = ['admin', 'clerk', 'readonly'] as const;
export type Role = (typeof ROLES)[number];

/** Shortest password an account may have. */
export const MIN_PASSWORD_LENGTH = 8;

export interface HubStatus {
  /** local: this PC's own ledger; sharing: this PC's ledger, served to the office; connected: another PC's. */
  mode: 'local' | 'sharing' | 'connected';
  /** sharing: the addresses clerks type (host:port); connected: the hub's. */
  addresses: string[];
  /** The hub's certificate fingerprint, "SHA256:" + 64 hex digits in pairs (AB:CD:…). */
  fingerprint: string | null;
  /** Who works: the account (connected) or the clerk's name (local, sharing). */
  clerk: string;
  role: Role;
  /** connected: whether the hub answered the last call or poll. */
  reachable: boolean;
  /** connected: when the hub last answered (ISO; shown as HH:MM). */
  lastContactAt: string | null;
  /** sharing: how many clerks are signed in now. */
  clerksSignedIn: number;
}

export interface HubProbe {
  address: string;
  fingerprint: string;
  /** The fingerprint this PC pinned for the address before, when it differs (a changed certificate). */
  pinnedFingerprint: string | null;
  hubName: string;
  appVersion: string;
}

export interface UserEntry {
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface ChangeEntry {
  /** The operation's number (changesSince's `after` for the next poll). */
  operationId: number;
  clerk: string;
  at: string;
  kind: string;
  /** Editable grids whose rows it touched ('persons', 'requests', 'placements', 'cohorts'). */
  grids: string[];
  /**
   * Ids of the rows it touched (each a row of one of `grids`; exact when it touched one grid), when
   * at most CHANGE_ROW_IDS_LIMIT; null: many (reload the whole grid).
   */
  rowIds: number[] | null;
}

/** At most this many operations per changesSince answer (the newest); a full answer may have left older ones out. */
export const CHANGES_LIMIT = 200;
/** An operation touching more rows than this is answered with rowIds null (reload the grid). */
export const CHANGE_ROW_IDS_LIMIT = 500;

export interface ChangesSince {
  /** The newest operation now: pass it as `after` next time. */
  latest: number;
  changes: ChangeEntry[];
}

const noInput = z.object({}).strict();
const userName = z.string().trim().min(1).max(64);
/** Its length is checked by the handler: a short one is refused with password_too_short and its sentence. */
const password = z.string().min(1).max(256);
/** host:port, host a name, IPv4 or [IPv6]. */
const address = z.string().trim().min(3).max(255);

export const hubContract = {
  getHubStatus: call<HubStatus>()(noInput),
  startSharing: call<HubStatus>()(z.object({ port: z.number().int().min(1024).max(65535).optional() }).strict()),
  stopSharing: call<HubStatus>()(noInput),
  probeHub: call<HubProbe>()(z.object({ address }).strict()),
  connectHub: call<HubStatus>()(
    z.object({ address, fingerprint: z.string().min(10).max(200), name: userName, password: z.string().min(1).max(256) }).strict(),
  ),
  disconnectHub: call<HubStatus>()(noInput),
  listUsers: call<UserEntry[]>()(noInput),
  addUser: call<UserEntry>()(z.object({ name: userName, role: z.enum(ROLES), password }).strict()),
  setUserDisabled: call<UserEntry>()(z.object({ name: userName, disabled: z.boolean() }).strict()),
  setUserPassword: call<UserEntry>()(z.object({ name: userName, password }).strict()),
  changesSince: call<ChangesSince>()(z.object({ after: z.number().int().min(0) }).strict()),
} satisfies Record<(typeof HUB_CALLS)[number], AnyCallSpec>;
