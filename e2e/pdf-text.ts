import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

// What a printed PDF says, page by page, read with PDF.js (Mozilla's own reader, in its build for
// Node): the text runs of each page with the size each is drawn at, in points on the paper.

export interface PdfTextRun {
  text: string;
  /** Where the run starts, in pt from the page's top left corner. */
  x: number;
  y: number;
  /** The run's height on the page in pt: its font size scaled by every transform around it. */
  sizePt: number;
}

export interface PdfPage {
  /** The page's size in pt (A4 is 595 × 842). */
  width: number;
  height: number;
  runs: PdfTextRun[];
}

export async function readPdf(bytes: Uint8Array): Promise<PdfPage[]> {
  // PDF.js takes ownership of the buffer it is given: hand it a copy.
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false }).promise;
  try {
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [, , width, height] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      const runs: PdfTextRun[] = [];
      for (const item of content.items) {
        if (!("str" in item) || item.str.trim() === "") continue;
        // transform is the text's matrix on the page [a b c d e f]: the glyphs' vertical axis is
        // (c, d), whatever rotation or scaling the page applied, so its length is the size drawn.
        const [, , c, d, e, f] = item.transform as number[];
        // PDF measures up from the page's foot; a reader reads down from its head.
        runs.push({ text: item.str, x: e!, y: height - f!, sizePt: Math.hypot(c!, d!) });
      }
      pages.push({ width, height, runs });
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** A page's text with all white space removed, for finding phrases however the runs were split. */
export function compactText(page: PdfPage): string {
  return page.runs
    .map((run) => run.text)
    .join("")
    .replace(/\s+/g, "");
}
