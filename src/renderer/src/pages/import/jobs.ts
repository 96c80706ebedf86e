// Long import work runs as jobs in main; the page polls getJob and can cancel. Files are sent in
// chunks (the web host takes at most 8 MB per call; the app's IPC is fine with the same size).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobStatus } from '../../../../shared/api/jobs';
import type { StagedImportFile } from '../../../../shared/api/import.contract';
import type { LedgerErrorData } from '../../../../shared/errors';
import { call, toErrorData } from '../../api';

const POLL_MS = 150;

export interface JobRun {
  status: JobStatus | null;
  running: boolean;
  /**
   * Starts polling a job a call has just started; resolves with its final status. Leaving the
   * page cancels a job unless it was started to keep going (a commit, an undo).
   */
  follow(job: JobStatus, options?: { keepOnLeave?: boolean }): Promise<JobStatus>;
  cancel(): void;
}

export function useJob(): JobRun {
  const [status, setStatus] = useState<JobStatus | null>(null);
  const current = useRef<string | null>(null);
  const keep = useRef(false);
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
      // Leaving the page cancels a reading job; a commit or an undo goes on (history shows it).
      if (current.current && !keep.current) void call('cancelJob', { jobId: current.current }).catch(() => undefined);
    },
    [],
  );
  const follow = useCallback(async (job: JobStatus, options: { keepOnLeave?: boolean } = {}): Promise<JobStatus> => {
    current.current = job.id;
    keep.current = options.keepOnLeave === true;
    setStatus(job);
    let latest = job;
    while (latest.state === 'running') {
      await new Promise((r) => setTimeout(r, POLL_MS));
      if (!alive.current || current.current !== job.id) return latest;
      latest = await call('getJob', { jobId: job.id });
      if (alive.current) setStatus(latest);
    }
    if (current.current === job.id) current.current = null;
    return latest;
  }, []);
  const cancel = useCallback(() => {
    const id = current.current;
    if (id) void call('cancelJob', { jobId: id }).catch(() => undefined);
  }, []);
  return { status, running: status?.state === 'running', follow, cancel };
}

/** The error of a job that did not end 'done' (cancelled is not an error). */
export function jobError(status: JobStatus): LedgerErrorData | null {
  if (status.state === 'failed') return status.error ?? { code: 'internal', message: 'job failed' };
  return null;
}

function readChunk(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(blob);
  });
}

/** Sends a chosen file to main in chunks; onProgress gets 0…1. */
export async function uploadFile(file: File, chunkBytes: number, onProgress: (fraction: number) => void): Promise<StagedImportFile> {
  const { uploadId } = await call('beginImportUpload', { fileName: file.name, size: file.size });
  for (let offset = 0; offset < file.size; offset += chunkBytes) {
    const data = await readChunk(file.slice(offset, offset + chunkBytes));
    await call('appendImportUpload', { uploadId, offset, data });
    onProgress(Math.min(1, (offset + chunkBytes) / Math.max(1, file.size)));
  }
  onProgress(1);
  return call('finishImportUpload', { uploadId });
}

/** Saves base64 bytes as a download (the browser, or Electron's own save dialog). */
export function downloadBase64(fileName: string, data: string, type: string): void {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export { toErrorData };
