/**
 * Renders test images with text in them, with the real Chromium (Debian's `chromium`, driven by playwright-core),
 * for the OCR tests and the OCR benchmark: the images are made by the tests themselves, never downloaded.
 *
 * `photo` imitates a phone-camera shot of a printed or hand-held paper: the note is slightly rotated and in
 * perspective, on a darker textured background, with uneven light, sensor noise, a little blur, saved as JPEG.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CLEW_CHROMIUM ?? '/usr/bin/chromium';

export interface PhotoOptions {
  /** Lines of text on the paper. */
  lines: readonly string[];
  /** Output size in pixels (default 2016×1512, a 3-megapixel phone shot). */
  width?: number;
  height?: number;
  /** Degrees of rotation of the paper (default 0). */
  rotate?: number;
  /** Perspective tilt in degrees around the vertical axis (default 0). */
  tilt?: number;
  /** Gaussian blur radius in CSS px (default 0). */
  blur?: number;
  /** Strength of the sensor noise, 0–1 (default 0). */
  noise?: number;
  /** Seed of the noise and paper texture. */
  seed?: number;
  /** Font size relative to the image width (default 0.028). */
  fontScale?: number;
  /** JPEG quality 1–100, or 'png' (default 82). */
  quality?: number | 'png';
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function photoHtml(o: PhotoOptions): string {
  const w = o.width ?? 2016;
  const fs = Math.round(w * (o.fontScale ?? 0.028));
  const seed = o.seed ?? 1;
  const noise = o.noise ?? 0;
  return `<!doctype html><html><head><meta charset="utf-8"><style>
html,body{margin:0;width:100%;height:100%;overflow:hidden}
body{background:radial-gradient(circle at 30% 20%,#8a8378,#4d4740 70%,#2e2a26);display:flex;align-items:center;justify-content:center;perspective:${w * 2}px}
.paper{background:linear-gradient(100deg,#f4f1ea 0%,#ffffff 45%,#e6e1d6 100%);padding:${fs}px ${fs * 1.4}px;box-shadow:0 ${fs / 3}px ${fs}px rgba(0,0,0,.55);
transform:rotate(${o.rotate ?? 0}deg) rotateY(${o.tilt ?? 0}deg);filter:blur(${o.blur ?? 0}px);font:${fs}px/1.45 'DejaVu Sans',sans-serif;color:#1d1d22;max-width:84%}
.paper p{margin:0;white-space:pre}
svg{position:fixed;inset:0;width:100%;height:100%;pointer-events:none;opacity:${noise}}
.shade{position:fixed;inset:0;background:linear-gradient(160deg,rgba(255,255,230,.10),rgba(0,0,20,.22));pointer-events:none}
</style></head><body><div class="paper">${o.lines.map((l) => `<p>${esc(l)}</p>`).join('')}</div>
<div class="shade"></div>
<svg xmlns="http://www.w3.org/2000/svg"><filter id="n"><feTurbulence type="fractalNoise" baseFrequency="0.9" numOctaves="2" seed="${seed}"/><feColorMatrix type="saturate" values="0"/></filter><rect width="100%" height="100%" filter="url(#n)"/></svg>
</body></html>`;
}

/** A page of random pixels only (no text), as a PNG. */
function noiseHtml(seed: number): string {
  return `<!doctype html><html><body style="margin:0"><svg xmlns="http://www.w3.org/2000/svg" style="position:fixed;inset:0;width:100%;height:100%">
<filter id="n"><feTurbulence type="turbulence" baseFrequency="0.7" numOctaves="3" seed="${seed}"/></filter><rect width="100%" height="100%" filter="url(#n)"/></svg></body></html>`;
}

export interface Renderer {
  /** A phone-camera-like photo of a paper with these lines. JPEG unless quality is 'png'. */
  photo(o: PhotoOptions): Promise<Buffer>;
  /** A page of coloured noise, no text. */
  noise(width: number, height: number, seed?: number): Promise<Buffer>;
  close(): Promise<void>;
}

/** Start Chromium (throws saying what is missing when it is not installed). */
export async function startRenderer(): Promise<Renderer> {
  if (!existsSync(CHROMIUM)) throw new Error(`rendering test images needs Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CLEW_CHROMIUM)`);
  const profile = mkdtempSync(join(tmpdir(), 'clew-ocr-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    viewport: { width: 800, height: 600 },
  });
  // Nothing leaves the machine: every request other than the page itself is refused.
  await context.route('**/*', (route) => route.abort('blockedbyclient'));
  const page: Page = context.pages()[0] ?? (await context.newPage());
  const shoot = async (html: string, width: number, height: number, quality: number | 'png') => {
    await page.setViewportSize({ width, height });
    await page.setContent(html, { waitUntil: 'load' });
    return quality === 'png' ? page.screenshot({ type: 'png' }) : page.screenshot({ type: 'jpeg', quality });
  };
  return {
    photo: (o) => shoot(photoHtml(o), o.width ?? 2016, o.height ?? 1512, o.quality ?? 82),
    noise: (w, h, seed = 7) => shoot(noiseHtml(seed), w, h, 'png'),
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
