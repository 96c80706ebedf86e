// What only the desktop shell can do — a native folder dialog, opening a folder in the system's
// file manager, the user's Documents folder — reached through hooks that src/main/index.ts sets
// (it alone imports electron). In the web host and in tests no hooks are set: the Export page
// then takes the folder as typed text and shows the path instead of opening it.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface DesktopIntegration {
  /** Shows a folder picker; resolves to the chosen folder, or null when the clerk cancelled. */
  chooseFolder?(current: string | undefined): Promise<string | null>;
  /** Shows a save dialog (it asks before replacing a file); resolves to the chosen path, or null when cancelled. */
  chooseSaveFile?(options: { defaultPath: string; extension: 'xlsx' | 'csv' }): Promise<string | null>;
  /** Opens a folder in the file manager; resolves to '' or an error text (shell.openPath). */
  openFolder?(path: string): Promise<string>;
  /** app.getPath('documents'). */
  documentsDir?: string;
}

let desktop: DesktopIntegration = {};

/** Called once by the Electron glue (src/main/index.ts). */
export function setDesktopIntegration(integration: DesktopIntegration): void {
  desktop = integration;
}

export function desktopIntegration(): DesktopIntegration {
  return desktop;
}

/** Where Linux desktops keep "Documents" (XDG user dirs), else ~/Documents, else home. */
export function documentsDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (desktop.documentsDir) return desktop.documentsDir;
  const home = homedir();
  if (platform === 'win32') return join(env.USERPROFILE ?? home, 'Documents');
  if (platform !== 'darwin') {
    try {
      const dirs = readFileSync(join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'user-dirs.dirs'), 'utf8');
      const m = /^XDG_DOCUMENTS_DIR="([^"]+)"/m.exec(dirs);
      if (m?.[1]) return m[1].replace(/^\$HOME/, home);
    } catch {
      // no user-dirs file
    }
  }
  const documents = join(home, 'Documents');
  return existsSync(documents) ? documents : home;
}

/** The folder the Export page proposes: Documents/배치명단. */
export function defaultExportFolder(): string {
  return join(documentsDir(), '배치명단');
}
