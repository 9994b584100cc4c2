/**
 * The Electron implementation of the PdfRenderer port: the plan's HTML in a hidden, sandboxed
 * window without JavaScript (own in-memory session, every request refused) printed with
 * webContents.printToPDF as a tagged PDF with outline; and the stored PDF (as handed over, or as a
 * reprint) in Chromium's PDF viewer, from where the system print dialog prints it unchanged.
 */
import { BrowserWindow, session } from 'electron';
import type { PdfRenderer, PrintDialogPort } from '../features/plans/print/pdf-renderer';

function printWindow(): BrowserWindow {
  const ses = session.fromPartition('lotse-print');
  ses.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !details.url.startsWith('data:') }),
  );
  return new BrowserWindow({
    show: false,
    webPreferences: { session: ses, javascript: false, sandbox: true, contextIsolation: true },
  });
}

async function load(win: BrowserWindow, html: string): Promise<void> {
  await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
}

export const electronPdfRenderer: PdfRenderer = {
  name: 'electron',
  async render(html) {
    const win = printWindow();
    try {
      await load(win, html);
      const pdf = await win.webContents.printToPDF({
        pageSize: 'A4',
        preferCSSPageSize: true,
        printBackground: true,
        generateTaggedPDF: true,
        generateDocumentOutline: true,
      });
      return new Uint8Array(pdf);
    } finally {
      win.destroy();
    }
  },
  async close() {},
};

/**
 * A stored PDF in Chromium's PDF viewer in a window of its own, from where it is printed unchanged
 * through the system dialog. No temporary file: the plan never lands unencrypted on disk.
 */
export const electronPrintDialog: PrintDialogPort = {
  async showPdf(pdf: Uint8Array, title: string): Promise<void> {
    // Chromium's PDF viewer is a built-in extension: its own pages may load, nothing from outside
    const ses = session.fromPartition('lotse-pdf-viewer');
    ses.webRequest.onBeforeRequest((details, callback) =>
      callback({ cancel: !/^(data|chrome-extension|blob):/.test(details.url) }),
    );
    const win = new BrowserWindow({
      title,
      width: 900,
      height: 1100,
      webPreferences: {
        session: ses,
        plugins: true,
        sandbox: true,
        contextIsolation: true,
      },
    });
    await win.loadURL(`data:application/pdf;base64,${Buffer.from(pdf).toString('base64')}`);
  },
};
