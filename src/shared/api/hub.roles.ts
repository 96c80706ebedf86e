// Which account may make which call through the office hub (docs/hub.md "Roles"). Every call of
// the contract is classified here — a new call without a class does not compile:
// - read:  looks, changes nothing (grids, figures, plans, the state of a job);
// - write: changes the ledger or writes anything at all — a cell, a setting, a grid's column
//          widths, a job started, a file written (an export, a report), an upload;
// - admin: the hub's accounts and sharing;
// - hubPc: only at the hub PC itself, never over the network: restoring a backup, switching the
//          ledger file, the native dialogs and the file manager of the hub's desktop, and this
//          PC's own connection to another hub.
// readonly may call read ones; clerk read and write; admin all but hubPc.
import type { ApiCallName } from '../api-names';
import type { Role } from './hub.contract';

export type CallAccess = 'read' | 'write' | 'admin' | 'hubPc';

export const callAccess: Record<ApiCallName, CallAccess> = {
  // core
  getInfo: 'read',
  getSettings: 'read',
  updateSettings: 'write',
  listRegions: 'read',
  checkLedger: 'read',
  getJob: 'read',
  cancelJob: 'write',
  // grids
  listCohorts: 'read',
  termFigures: 'read',
  dashboardFigures: 'read',
  gridQuery: 'read',
  gridTotals: 'read',
  gridUpdateCell: 'write',
  gridAddRow: 'write',
  gridPaste: 'write',
  gridFillDown: 'write',
  gridDeletePreview: 'read',
  gridDelete: 'write',
  getUndoState: 'read',
  undo: 'write',
  redo: 'write',
  getGridView: 'read',
  saveGridView: 'write',
  setPlacementStatus: 'write',
  notArrivedCounties: 'read',
  notArrivedRows: 'read',
  exportDashboardWorkbook: 'write',
  printDashboard: 'hubPc',
  placementCandidates: 'read',
  placeByHand: 'write',
  exportGridView: 'write',
  chooseGridExportFile: 'hubPc',
  // import: every step stages files and runs jobs on the hub
  beginImportUpload: 'write',
  appendImportUpload: 'write',
  finishImportUpload: 'write',
  chooseImportFile: 'hubPc',
  discardImportFile: 'write',
  getImportCapabilities: 'read',
  startImportInspect: 'write',
  startImportDryRun: 'write',
  startImportCommit: 'write',
  exportImportReport: 'write',
  listImports: 'read',
  startImportUndo: 'write',
  // export
  getExportDefaults: 'read',
  listExportCohorts: 'read',
  listExportDepartments: 'read',
  planExport: 'read',
  startExport: 'write',
  chooseExportFolder: 'hubPc',
  openExportFolder: 'hubPc',
  // Files a clerk saves through the hub: written in a temp folder of the hub's, fetched by the clerk's app.
  openDownload: 'read',
  readDownload: 'read',
  discardDownload: 'read',
  // backups and the ledger file
  listBackups: 'read',
  restoreBackup: 'hubPc',
  getLedgerFileOptions: 'read',
  chooseLedgerFile: 'hubPc',
  openLedgerFile: 'hubPc',
  // allocation: a run is stored in the ledger
  listAllocationTerms: 'read',
  getAllocationSettings: 'read',
  startAllocation: 'write',
  listAllocationRuns: 'read',
  getAllocationProposal: 'read',
  explainAllocation: 'read',
  setAllocationPins: 'write',
  moveInProposal: 'write',
  acceptAllocation: 'write',
  discardAllocation: 'write',
  exportAllocationProposal: 'write',
  // the hub
  getHubStatus: 'read',
  startSharing: 'admin',
  stopSharing: 'admin',
  probeHub: 'hubPc',
  connectHub: 'hubPc',
  disconnectHub: 'hubPc',
  listUsers: 'admin',
  addUser: 'admin',
  setUserDisabled: 'admin',
  setUserPassword: 'admin',
  changesSince: 'read',
};

const ALLOWED: Record<Role, readonly CallAccess[]> = {
  readonly: ['read'],
  clerk: ['read', 'write'],
  admin: ['read', 'write', 'admin'],
};

/** Whether an account of `role` may make the call through the hub (hubPc calls: nobody remote). */
export function mayCall(role: Role, name: ApiCallName): boolean {
  return ALLOWED[role].includes(callAccess[name]);
}
