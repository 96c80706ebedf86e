// The native file dialog lives in the Electron glue (src/main/index.ts, the only file that may
// import electron); it registers itself here. Without it (the web host, tests, the CLI) the
// wizard uploads the bytes of an <input type=file> instead.
export type ImportFileChooser = () => Promise<string | null>;

let chooser: ImportFileChooser | null = null;

/** Called once by the Electron glue with a function that shows the open dialog. */
export function setImportFileChooser(fn: ImportFileChooser | null): void {
  chooser = fn;
}

export function importFileChooser(): ImportFileChooser | null {
  return chooser;
}
