/**
 * The PdfRenderer port: turns the plan's HTML (print CSS, A4) into PDF bytes. Two implementations
 * print the SAME HTML: Electron's webContents.printToPDF in the app (src/main/platform/electron-pdf.ts)
 * and Chromium's page.pdf through Playwright in tests and the browser bridge
 * (chromium-pdf-renderer.ts). Both ask for a tagged (accessible) PDF with a document outline.
 */
export interface PdfRenderer {
  /** 'electron' or 'chromium-playwright' (for diagnostics, never in a document). */
  readonly name: string;
  /** The PDF of a complete HTML document; the page size and margins come from its @page CSS. */
  render(html: string): Promise<Uint8Array>;
  /** Frees the browser (the next render starts it again). */
  close(): Promise<void>;
}

/** The system print dialog for a stored PDF (the desktop app only; the browser downloads the PDF). */
export interface PrintDialogPort {
  showPdf(pdf: Uint8Array, title: string): Promise<void>;
}

/** The Chromium switches of a headless print-only browser: no network services, no GPU. */
export const HEADLESS_CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';
