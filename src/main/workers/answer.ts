// The worker side of runWorkerTask (launch.ts): run the task, then post its value or its
// LedgerError (code and details intact) — a plain message and stack for anything unexpected.
import { parentPort } from 'node:worker_threads';
import { LedgerError } from '../../shared/errors';
import type { WorkerTaskAnswer } from './launch';

export async function answerParent<T>(task: () => T | Promise<T>, mapError: (error: unknown) => unknown = (error) => error): Promise<void> {
  let answer: WorkerTaskAnswer<T>;
  try {
    answer = { ok: true, value: await task() };
  } catch (error) {
    const mapped = mapError(error);
    answer =
      mapped instanceof LedgerError
        ? { ok: false, error: mapped.toData(), message: mapped.message }
        : { ok: false, error: null, message: mapped instanceof Error ? (mapped.stack ?? mapped.message) : String(mapped) };
  }
  parentPort!.postMessage(answer);
}
