// A clerk's connection to a hub for the load and kill tests and the bench: a HubClient (pinned
// TLS, keep-alive), signed in, whose calls answer typed envelopes.
import { HubClient } from '../../src/main/hub/client';
import type { Result } from '../../src/shared/errors';

/** Where a hub listens and the certificate to pin. */
export interface HubEndpoint {
  host: string;
  port: number;
  certPem: string;
  fingerprint: string;
}

export interface HubConnection {
  call<T>(name: string, input: unknown): Promise<Result<T>>;
  /** Signs out and closes the kept-alive connections. */
  close(): Promise<void>;
}

/** Codes HubClient answers when the request did not get through or its answer did not come back. */
export const TRANSPORT_CODES: ReadonlySet<string> = new Set(['hub_unreachable', 'hub_not_a_hub', 'hub_certificate_changed']);

export async function connectHub(endpoint: HubEndpoint, name: string, password: string): Promise<HubConnection> {
  const client = new HubClient({
    address: `${endpoint.host}:${endpoint.port}`,
    certPem: endpoint.certPem,
    fingerprint: endpoint.fingerprint,
  });
  try {
    await client.login(name, password);
  } catch (error) {
    client.close();
    throw error;
  }
  return {
    call: <T>(callName: string, input: unknown) => client.call(callName, input) as Promise<Result<T>>,
    close: async () => {
      await client.logout();
      client.close();
    },
  };
}
