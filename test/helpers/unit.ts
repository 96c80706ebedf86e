import { LedgerError } from '../../src/shared/errors';
// Helpers for vitest files only (they register vitest hooks; Playwright specs must not import this).
import { afterEach } from 'vitest';
import { captureIo, tempDir } from './ledger';

/** Temp folders for a test file, removed after each test: `const folder = tempFolders('x-'); folder()`. */
export function tempFolders(prefix: string): () => string {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    while (cleanups.length) cleanups.pop()!();
  });
  return () => {
    const t = tempDir(prefix);
    cleanups.push(t.cleanup);
    return t.dir;
  };
}

/** Runs the CLI in-process and captures what it writes. */
export async function runCliCaptured(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { runCli } = await import('../../src/main/cli');
  const c = captureIo(env);
  const code = await runCli(args, c.io);
  return { code, stdout: c.stdout(), stderr: c.stderr() };
}

/** The LedgerError `fn` throws (anything else is rethrown; no throw fails the test). */
export function refusal(fn: () => unknown): LedgerError {
  try {
    fn();
  } catch (error) {
    if (error instanceof LedgerError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}
