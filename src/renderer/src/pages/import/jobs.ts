// Files for the import: sent to main in chunks (the web host takes at most 8 MB per call; the
// app's IPC is fine with the same size), and reports saved back. Its long work runs as jobs,
// followed with the shared useJob (../../jobs/useJob).
import type { StagedImportFile } from '../../../../shared/api/import.contract';
import { call, toErrorData } from '../../api';

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
