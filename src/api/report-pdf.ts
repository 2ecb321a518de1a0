/**
 * An evidence report as PDF (issue 20 part 2): the report's HTML printed by Debian's Chromium
 * (the browser the tests already drive), through playwright-core. Offline: the page gets the
 * report as its content (no URL is loaded), scripts are off, and every request the page would
 * make is refused (the report's own Content-Security-Policy forbids them too). The page size,
 * margins and the footer of each page (the manifest's SHA-256, page N of M) are the report's own
 * CSS (@page margin boxes, src/report/html.ts): a footer template drawn by Chromium for each page
 * cost about a third of the print.
 *
 * The PDF is not byte-reproducible (Chromium writes its creation time into it); the HTML is the
 * reproducible artefact, and the PDF is made from it.
 */
import { existsSync } from 'node:fs';
import type * as PlaywrightCore from 'playwright-core';
import { ClewError } from '../model/errors.js';

/** Where Chromium is looked for: CLEW_CHROMIUM, else Debian's package. */
export function chromiumPath(): string {
  return process.env.CLEW_CHROMIUM ?? '/usr/bin/chromium';
}

export interface PdfOptions {
  /** Chromium to use (default chromiumPath()). */
  chromium?: string;
  /** Milliseconds for laying out and printing (default 120 s). */
  timeoutMs?: number;
  /** Requests the page tried to make (all refused), for tests. */
  refused?: string[];
}

/** The PDF of a report's HTML. PROGRAM_MISSING when Chromium (or playwright-core) is not installed. */
export async function reportPdf(html: string, opts: PdfOptions = {}): Promise<Buffer> {
  const executablePath = opts.chromium ?? chromiumPath();
  if (!existsSync(executablePath))
    throw new ClewError('PROGRAM_MISSING', `a PDF is printed by Chromium, which is not at ${executablePath}: install Debian's package (apt-get install chromium) or set CLEW_CHROMIUM`, {
      program: 'chromium',
      path: executablePath,
    });
  let playwright: typeof PlaywrightCore;
  try {
    playwright = await import('playwright-core');
  } catch {
    throw new ClewError('PROGRAM_MISSING', 'a PDF is printed through the npm package playwright-core, which is not installed (npm install playwright-core)', { program: 'playwright-core' });
  }
  const timeout = opts.timeoutMs ?? 120_000;
  const browser = await playwright.chromium.launch({
    executablePath,
    headless: true,
    timeout,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-extensions'],
  });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true, serviceWorkers: 'block', locale: 'en-GB', timezoneId: 'UTC' });
    await context.route('**/*', (route) => {
      opts.refused?.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    page.setDefaultTimeout(timeout);
    await page.setContent(html, { waitUntil: 'load', timeout });
    // printed with the print media rules (page.pdf lays the page out for print itself); page size,
    // margins and footer from the document's @page rules, A4 when it has none
    return await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  } finally {
    await browser.close().catch(() => {});
  }
}
