// Messages between the import worker and its parent.
import type { LedgerErrorData } from '../../shared/errors';
import type { PipelineLayout, PipelineSummary } from './pipeline';
import type { RowResult } from './rows';

export type WorkerMessage =
  | { type: 'progress'; rowsRead: number; total: number | null }
  | { type: 'layout'; layout: PipelineLayout }
  | { type: 'batch'; rows: RowResult[] }
  | { type: 'done'; summary: PipelineSummary }
  | { type: 'fail'; error: LedgerErrorData };
