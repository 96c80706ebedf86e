// Contract calls on the hub as steps that throw their error, and sending a file of this PC to the
// hub with the import's upload calls (the app's RemoteSession and the CLI's --remote use both).
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { IMPORT_CHUNK_BYTES, IMPORT_MAX_FILE_BYTES, type StagedImportFile } from '../../shared/api/import.contract';
import type { JobStatus } from '../../shared/api/jobs';
import type { ApiCallName } from '../../shared/api-names';
import type { CallInput, CallOutput } from '../../shared/contract';
import { LedgerError, type Result } from '../../shared/errors';

/** A contract call on the hub that throws its error: for the steps of uploads and downloads. */
export type HubCall = <K extends ApiCallName>(name: K, input: CallInput<K>) => Promise<CallOutput<K>>;

export function throwingCall(call: (name: string, input: unknown) => Promise<Result<unknown>>): HubCall {
  return async (name, input) => {
    const envelope = await call(name, input);
    if (!envelope.ok) throw new LedgerError(envelope.error.code, envelope.error.message, envelope.error.details);
    return envelope.value as never;
  };
}

/** Sends a file of this PC to the hub with the import's upload calls; answers the hub's staged file. */
export async function uploadImportFile(call: HubCall, path: string): Promise<StagedImportFile> {
  const fileName = basename(path);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new LedgerError('import_file_unreadable', `no file at ${path}`, { file: fileName });
  }
  if (size > IMPORT_MAX_FILE_BYTES) {
    throw new LedgerError('import_file_too_large', `${fileName} is over ${IMPORT_MAX_FILE_BYTES} bytes`, { file: fileName });
  }
  const { uploadId } = await call('beginImportUpload', { fileName, size });
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(IMPORT_CHUNK_BYTES);
    let offset = 0;
    while (offset < size) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(IMPORT_CHUNK_BYTES, size - offset), offset);
      if (bytesRead === 0) break;
      await call('appendImportUpload', { uploadId, offset, data: buffer.subarray(0, bytesRead).toString('base64') });
      offset += bytesRead;
    }
  } finally {
    await handle.close();
  }
  return call('finishImportUpload', { uploadId });
}

/** Polls a started job (getJob) until it ends; its result, or its error thrown. */
export async function settleJob<R>(call: HubCall, started: JobStatus<R>, pollMs = 200): Promise<R> {
  let status: JobStatus = started;
  while (status.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    status = await call('getJob', { jobId: started.id });
  }
  if (status.state === 'done') return status.result as R;
  const error = status.error ?? { code: 'internal' as const, message: `job ${started.id} ${status.state}` };
  throw new LedgerError(error.code, error.message, error.details);
}
