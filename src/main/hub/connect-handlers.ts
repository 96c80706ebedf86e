// Connecting this PC's app to another PC's ledger (docs/hub.md, "Certificate and pinning"):
// probeHub fetches the hub's certificate (nothing secret sent) for the clerk to compare with the
// hub's screen; connectHub signs in only over a connection that presents exactly the fingerprint
// the clerk confirmed, pins it, and switches the app to the hub (RemoteSession); disconnectHub
// goes back to this PC's ledger.
import type { HandlersFor } from '../../shared/contract';
import { LedgerError } from '../../shared/errors';
import type { ApiContext, HubSessionControl } from '../api/context';
import { HubClient, normalizeFingerprint, probeHubAddress } from './client';
import { RemoteSession } from './remote-session';

type ConnectCalls = 'probeHub' | 'connectHub' | 'disconnectHub';

export function createConnectHandlers(context: ApiContext): HandlersFor<ConnectCalls> {
  const control = (): HubSessionControl => {
    const hub = context.session?.hub;
    if (!hub) throw new LedgerError('hub_call_local_only', 'this host cannot work on an office hub');
    return hub;
  };
  return {
    probeHub: async ({ address }) => {
      const { pins } = control();
      const probe = await probeHubAddress(address);
      const pinned = pins.get(probe.address);
      return {
        address: probe.address,
        fingerprint: probe.fingerprint,
        pinnedFingerprint: pinned && pinned.fingerprint !== probe.fingerprint ? pinned.fingerprint : null,
        hubName: probe.hello.hubName,
        appVersion: probe.hello.appVersion,
      };
    },
    connectHub: async ({ address, fingerprint, name, password }) => {
      const hub = control();
      const confirmed = normalizeFingerprint(fingerprint);
      if (!/^SHA256:([0-9A-F]{2}:){31}[0-9A-F]{2}$/.test(confirmed)) {
        throw new LedgerError('hub_certificate_unconfirmed', `no confirmed fingerprint for ${address}`);
      }
      const probe = await probeHubAddress(address);
      if (probe.fingerprint !== confirmed) {
        throw new LedgerError(
          'hub_certificate_changed',
          `${probe.address} presents ${probe.fingerprint}, the clerk confirmed ${confirmed}`,
          {
            address: probe.address,
          },
        );
      }
      // From here on the connection trusts exactly the confirmed certificate: the password goes
      // nowhere else.
      const client = new HubClient({ address: probe.address, certPem: probe.certPem, fingerprint: probe.fingerprint });
      let remote: RemoteSession;
      try {
        const login = await client.login(name, password);
        remote = new RemoteSession({ client, login, desktop: context.desktop });
      } catch (error) {
        client.close();
        throw error;
      }
      try {
        hub.pins.pin(probe.address, { fingerprint: probe.fingerprint, certPem: probe.certPem, lastName: name });
        await hub.connect(remote);
      } catch (error) {
        await remote.close();
        throw error;
      }
      return remote.status();
    },
    disconnectHub: async () => {
      const hub = control();
      await hub.disconnect();
      return hub.status();
    },
  };
}
