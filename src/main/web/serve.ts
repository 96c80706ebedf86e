// `npm run web -- [--db PATH] [--port N]`: the app in a browser, for machines where Electron's
// binary cannot run. Same renderer, same contract, same handlers; 127.0.0.1 only; per-run token.
import { join, resolve } from 'node:path';
import { errorSentence } from '../../shared/i18n';
import { LedgerError } from '../../shared/errors';
import { cliLanguage } from '../cli/language';
import { LEDGER_FILE_NAME, resolveLedgerPath, userDataDir } from '../ledger/location';
import { startWebHost } from './host';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const dbPath = resolveLedgerPath(argv, process.env, join(userDataDir(), LEDGER_FILE_NAME));
  const portIndex = argv.indexOf('--port');
  const port = portIndex >= 0 ? Number(argv[portIndex + 1]) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write('usage: npm run web -- [--db PATH] [--port N]\n');
    process.exit(2);
  }
  if (dbPath === join(userDataDir(), LEDGER_FILE_NAME)) {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(userDataDir(), { recursive: true });
  }
  const host = await startWebHost({ dbPath, rendererDir: resolve(__dirname, '../../../out/renderer'), port });
  process.stdout.write(`Placement Ledger (web) — ledger: ${host.ledger.path}\nOpen: ${host.url}\n`);
  const stop = () => void host.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof LedgerError) {
    process.stderr.write(errorSentence(error.toData(), cliLanguage()) + '\n');
    process.exit(1);
  }
  console.error(error);
  process.exit(1);
});
