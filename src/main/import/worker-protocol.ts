// Messages between the import worker and its parent.
import type { LedgerErrorData } from '../../shared/errors';
import type { PackedBatch } from './batch-codec';
import type { PipelineLayout, PipelineSummary } from './pipeline';

export type WorkerMessage =
  | { type: 'progress'; rowsRead: number; total: number | null }
  | { type: 'layout'; layout: PipelineLayout }
  | { type: 'batch'; rows: PackedBatch }
  | { type: 'done'; summary: PipelineSummary }
  | { type: 'fail'; error: LedgerErrorData };
