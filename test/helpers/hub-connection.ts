// A clerk's connection to a hub for the load test and bench: signs in, makes calls, signs out.
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
  close(): Promise<void>;
}

export async function connectHub(endpoint: HubEndpoint, name: string, password: string): Promise<HubConnection> {
  void endpoint;
  void name;
  void password;
  throw new Error('HubClient not merged yet');
}
