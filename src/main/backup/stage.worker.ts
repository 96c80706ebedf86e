// The check of a backup copied for a restore, off the main thread (see stage.ts).
import { workerData } from 'node:worker_threads';
import { answerParent } from '../workers/answer';
import { refusalFor, verifyStagedCopy, type StageWorkerData } from './stage';

const data = workerData as StageWorkerData;
void answerParent(
  () => verifyStagedCopy(data),
  (error) => refusalFor(error, data.source),
);
