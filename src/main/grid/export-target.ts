// Where "Export this view" writes — decided in main, never a path taken from the window: in the
// desktop app a file the clerk picked in the native save dialog (remembered here under an id the
// window passes back), in the web host a folder the clerk typed plus a file name that main makes
// safe (no separators, reserved names) and gives the format's extension. Either way the path is
// absolute, its folder usable (user-path.ts: asynchronous, time-limited, its own sentences), and
// an existing file is replaced only with the clerk's consent: the save dialog's own question, or
// the window's Overwrite after main said file_exists.
import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { LedgerError } from '../../shared/errors';
import type { DesktopIntegration } from '../api/context';
import { documentsDir } from '../export/desktop';
import { EXPORT_LEFTOVER_KINDS } from '../export/run';
import { safeFileName } from '../export/safe-name';
import { absoluteUserPath, prepareOutputFile, sweepLeftovers } from '../util/user-path';

/** A choice in the save dialog is good for this long (then: choose again). */
const CHOICE_TTL_MS = 30 * 60 * 1000;

export interface GridExportTargetInput {
  format: 'xlsx' | 'csv';
  chosenId?: string;
  folder?: string;
  fileName?: string;
  overwrite: boolean;
}

export class GridExportTargets {
  private readonly chosen = new Map<string, { path: string; at: number; consented: boolean }>();

  constructor(private readonly desktop: DesktopIntegration) {}

  /** The desktop's save dialog; null where there is none (the web host). */
  async choose(
    format: 'xlsx' | 'csv',
    suggestedName: string,
  ): Promise<{ supported: boolean; chosenId: string | null; path: string | null }> {
    const dialog = this.desktop.chooseSaveFile;
    if (!dialog) return { supported: false, chosenId: null, path: null };
    const picked = await dialog({
      defaultPath: join(documentsDir(this.desktop), safeFileName(suggestedName.replace(/\.(xlsx|csv)$/i, ''), format)),
      extension: format,
    });
    if (picked === null) return { supported: true, chosenId: null, path: null };
    const absolute = absoluteUserPath(picked, homedir());
    const path = withExtension(absolute, format);
    const chosenId = randomBytes(12).toString('base64url');
    const now = Date.now();
    for (const [id, c] of this.chosen) if (now - c.at > CHOICE_TTL_MS) this.chosen.delete(id);
    // The dialog asked about replacing the file it showed; a name we extended was not asked about.
    this.chosen.set(chosenId, { path, at: now, consented: path === absolute });
    return { supported: true, chosenId, path };
  }

  /** The file to write and whether it may replace one; the folder checked (made when missing). */
  async resolve(input: GridExportTargetInput): Promise<{ path: string; overwrite: boolean }> {
    let path: string;
    let overwrite = input.overwrite;
    if (input.chosenId !== undefined) {
      const choice = this.chosen.get(input.chosenId);
      if (!choice || Date.now() - choice.at > CHOICE_TTL_MS)
        throw new LedgerError('path_not_chosen', `no save-dialog choice ${input.chosenId}`, {});
      path = choice.path;
      overwrite = choice.consented || input.overwrite; // the save dialog asked the clerk about an existing file
      if (extname(path).toLowerCase() !== `.${input.format}`)
        throw new LedgerError('path_wrong_extension', `${path}`, { path, extension: input.format });
    } else {
      if (input.folder === undefined || input.fileName === undefined)
        throw new LedgerError('path_not_chosen', 'neither a chosen file nor a folder and a file name', {});
      const folder = absoluteUserPath(input.folder, homedir());
      path = join(folder, safeFileName(basename(input.fileName).replace(/\.(xlsx|csv)$/i, ''), input.format));
    }
    await prepareOutputFile(path, { extension: input.format, overwrite, createFolder: true });
    // A killed export of an earlier run may have left its hidden working file here.
    await sweepLeftovers(dirname(path), EXPORT_LEFTOVER_KINDS);
    return { path, overwrite };
  }
}

function withExtension(path: string, format: 'xlsx' | 'csv'): string {
  return extname(path).toLowerCase() === `.${format}` ? path : `${path}.${format}`;
}
