// The hub's TLS certificate (docs/hub.md "Certificate and pinning"): made on first start —
// ECDSA P-256, self-signed, 10 years, its SAN the hub's names and addresses — and kept beside
// the ledger in `<ledger>.hub/` (key.pem readable by the owner only, cert.pem), so its
// fingerprint, which clerks confirm once and pin, stays the same across restarts.
import { X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface HubCertificate {
  keyPem: string;
  certPem: string;
  /** "SHA256:AB:CD:…" (the SHA-256 of the certificate's DER). */
  fingerprint: string;
  /** Whether it was made now (first start) rather than read back. */
  created: boolean;
}

const TEN_YEARS_MS = 3650 * 24 * 60 * 60 * 1000;

/** The folder the hub keeps its certificate in, beside the ledger file. */
export function certDirOf(ledgerPath: string): string {
  return `${ledgerPath}.hub`;
}

/** "SHA256:" + the SHA-256 of the certificate's DER, in upper-case hex pairs joined by colons. */
export function fingerprintOf(certPem: string): string {
  return `SHA256:${new X509Certificate(certPem).fingerprint256}`;
}

async function readIfThere(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Written whole or not at all: a hub killed while writing leaves no half key. */
async function writeWhole(path: string, text: string, mode: number): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, text, { mode });
  await chmod(temp, mode);
  await rename(temp, path);
}

/**
 * The certificate in `dir`, made there first when there is none. `names` are the host names and
 * addresses clerks may type (the SAN); pinning trusts the certificate itself, so they matter only
 * to tools that check names.
 */
export async function loadOrCreateCertificate(dir: string, names: readonly string[]): Promise<HubCertificate> {
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  const [keyPem, certPem] = await Promise.all([readIfThere(keyPath), readIfThere(certPath)]);
  if (keyPem !== null && certPem !== null) {
    // Throws on a damaged file: better refused with a reason than a new fingerprint every clerk must confirm again.
    return { keyPem, certPem, fingerprint: fingerprintOf(certPem), created: false };
  }
  const unique = [...new Set(names.filter((n) => n !== '' && n !== '0.0.0.0' && n !== '::'))];
  const altNames = unique.map((n) => (isIP(n) ? { type: 7 as const, ip: n } : { type: 2 as const, value: n }));
  const now = Date.now();
  const made = await generate([{ name: 'commonName', value: unique.find((n) => !isIP(n)) ?? 'placement-ledger-hub' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 60 * 60 * 1000),
    notAfterDate: new Date(now + TEN_YEARS_MS),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeWhole(keyPath, made.private, 0o600);
  await writeWhole(certPath, made.cert, 0o644);
  return { keyPem: made.private, certPem: made.cert, fingerprint: fingerprintOf(made.cert), created: true };
}
