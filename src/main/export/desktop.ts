// Where the clerk's files go by default: the Documents folder the desktop shell names (see
// DesktopIntegration in api/context.ts), else the operating system's own. In the web host and in
// tests there is no shell: the Export page takes the folder as typed text.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DesktopIntegration } from '../api/context';

/** Where Linux desktops keep "Documents" (XDG user dirs), else ~/Documents, else home. */
export function documentsDir(
  desktop: DesktopIntegration,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
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
export function defaultExportFolder(desktop: DesktopIntegration): string {
  return join(documentsDir(desktop), '배치명단');
}
