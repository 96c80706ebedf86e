import { describe, expect, it, vi } from 'vitest';
import { API_CALLS } from '../../src/shared/api-names';

// The real preload module, run against a recording stand-in for Electron's two bridge objects
// (Electron itself cannot start on these machines).
const exposed: { key: string; api: Record<string, unknown> }[] = [];
const invoked: { channel: string; input: unknown }[] = [];
vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.push({ key, api }),
  },
  ipcRenderer: {
    invoke: (channel: string, input: unknown) => {
      invoked.push({ channel, input });
      return Promise.resolve({ ok: true, value: null });
    },
  },
}));

describe('the preload bridge', () => {
  it('exposes exactly the contract’s calls as window.ledger, a frozen object of functions', async () => {
    await import('../../src/preload/index');
    expect(exposed).toHaveLength(1);
    const [{ key, api }] = exposed as [{ key: string; api: Record<string, unknown> }];
    expect(key).toBe('ledger');
    expect(Object.keys(api).sort()).toEqual([...API_CALLS].sort());
    expect(Object.values(api).every((f) => typeof f === 'function')).toBe(true);
    expect(Object.isFrozen(api)).toBe(true);
    expect(api).not.toHaveProperty('ipcRenderer');
    expect(api).not.toHaveProperty('invoke');
  });

  it('sends each call on its own channel with its input, and {} when none is given', async () => {
    await import('../../src/preload/index');
    const api = exposed[0]!.api as Record<string, (input?: unknown) => Promise<unknown>>;
    await api.updateSettings!({ language: 'en' });
    await api.getInfo!();
    expect(invoked).toEqual([
      { channel: 'ledger:updateSettings', input: { language: 'en' } },
      { channel: 'ledger:getInfo', input: {} },
    ]);
  });
});
