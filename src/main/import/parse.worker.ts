// The import's reading half in a worker thread (memory-capped by resourceLimits, time-limited by
// its parent): a hostile file can only exhaust or stall this thread, never the app's main loop.
// Protocol (parent ⇄ worker): workerData = PipelineRequest; the worker posts 'progress',
// 'layout', 'batch' (each waits for a 'credit' from the parent: back-pressure; packed by
// batch-codec.ts), then 'done' or 'fail'.
import { parentPort, workerData } from 'node:worker_threads';
import { LedgerError } from '../../shared/errors';
import { BatchPacker } from './batch-codec';
import { runPipeline, type PipelineRequest } from './pipeline';
import type { WorkerMessage } from './worker-protocol';

const port = parentPort!;
const request = workerData as PipelineRequest;
let credits = 4;
let wake: (() => void) | null = null;

port.on('message', (message: { type: 'credit'; n: number }) => {
  if (message.type === 'credit') {
    credits += message.n;
    const w = wake;
    wake = null;
    w?.();
  }
});

const post = (message: WorkerMessage) => port.postMessage(message);
const packer = new BatchPacker();
let lastProgress = 0;

runPipeline(request, {
  progress(progress) {
    const now = Date.now();
    if (now - lastProgress < 100 && progress.total !== progress.rowsRead) return;
    lastProgress = now;
    post({ type: 'progress', ...progress });
  },
  layout(layout) {
    post({ type: 'layout', layout });
  },
  // Rows are packed as soon as they are read (a few dozen at a time); rows() ends a batch.
  collect(rows) {
    packer.add(rows);
  },
  async rows() {
    while (credits <= 0) await new Promise<void>((resolve) => (wake = resolve));
    credits--;
    const { batch, transfer } = packer.take();
    port.postMessage({ type: 'batch', rows: batch } satisfies WorkerMessage, transfer);
  },
}).then(
  (summary) => {
    post({ type: 'done', summary });
  },
  (error: unknown) => {
    if (error instanceof LedgerError) post({ type: 'fail', error: error.toData() });
    else
      post({ type: 'fail', error: { code: 'internal', message: error instanceof Error ? (error.stack ?? error.message) : String(error) } });
  },
);
