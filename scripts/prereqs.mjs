#!/usr/bin/env node
// Installs or checks what the tests need beyond npm packages. Chromium (for browser tests)
// comes from Debian's `chromium` package; networkx (reference figures for the graph and synth
// tests) from Debian's `python3-networkx`; Apertium and its language pairs (machine translation,
// src/text/translate) from Debian's `apertium` and `apertium-<pair>` packages; Tesseract and its
// language data (text recognition in images, src/text/ocr) from Debian's `tesseract-ocr` and
// `tesseract-ocr-<lang>` packages. Each is installed when missing and we are root.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CLEW_CHROMIUM ?? '/usr/bin/chromium';
const needBrowser = existsSync('web/package.json') || existsSync('test/browser');

if (needBrowser && !existsSync(CHROMIUM)) {
  const root = process.getuid?.() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) {
    console.error(`Browser tests need Chromium at ${CHROMIUM}. Install Debian's package: sudo apt-get install -y chromium (or set CLEW_CHROMIUM).`);
    process.exit(1);
  }
  console.log('installing Debian chromium for the browser tests…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed: install chromium by hand (apt-get install -y chromium)`);
      process.exit(1);
    }
  }
}
console.log(needBrowser ? `chromium: ${CHROMIUM}` : 'no browser tests yet');

const PYTHON = process.env.CLEW_PYTHON ?? '/usr/bin/python3';
const hasNetworkx = () => existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import networkx'], { stdio: 'ignore' }).status === 0;
if (!hasNetworkx()) {
  const root = process.getuid?.() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) {
    console.error(`The graph and synth tests need networkx for ${PYTHON}. Install Debian's package: sudo apt-get install -y python3-networkx (or set CLEW_PYTHON).`);
    process.exit(1);
  }
  console.log('installing Debian python3-networkx for the graph tests…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'python3-networkx']]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed: install networkx by hand (apt-get install -y python3-networkx)`);
      process.exit(1);
    }
  }
  if (!hasNetworkx()) {
    console.error(`${PYTHON} still cannot import networkx after installing python3-networkx`);
    process.exit(1);
  }
}
console.log(`networkx: ${PYTHON}`);

// Apertium: the engine and the pairs the translation tests use (docs/translation.md lists the others).
const APERTIUM_PACKAGES = ['apertium', 'apertium-hbs-eng', 'apertium-mkd-eng', 'apertium-eng-spa'];
const APERTIUM_MODES = ['hbs-eng', 'mkd-eng', 'spa-eng'];
const apertiumMissing = () => {
  const r = spawnSync(process.env.CLEW_APERTIUM ?? 'apertium', ['-l'], { encoding: 'utf8' });
  if (r.error || typeof r.stdout !== 'string') return APERTIUM_MODES;
  const modes = new Set(r.stdout.split('\n').map((l) => l.trim()));
  return APERTIUM_MODES.filter((m) => !modes.has(m));
};
if (apertiumMissing().length > 0) {
  const root = process.getuid?.() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) {
    console.error(`The translation tests need Apertium with ${apertiumMissing().join(', ')}. Install Debian's packages: sudo apt-get install -y ${APERTIUM_PACKAGES.join(' ')} (or set CLEW_APERTIUM).`);
    process.exit(1);
  }
  console.log('installing Debian apertium and its language pairs for the translation tests…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...APERTIUM_PACKAGES]]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed: install Apertium by hand (apt-get install -y ${APERTIUM_PACKAGES.join(' ')})`);
      process.exit(1);
    }
  }
  const still = apertiumMissing();
  if (still.length > 0) {
    console.error(`apertium still lacks ${still.join(', ')} after installing ${APERTIUM_PACKAGES.join(' ')}`);
    process.exit(1);
  }
}
console.log(`apertium: ${APERTIUM_MODES.join(', ')}`);

// Tesseract and the language data the OCR tests use (docs/ocr.md). English comes with tesseract-ocr.
const TESSERACT_LANGS = ['eng', 'srp', 'srp_latn', 'hrv', 'bos', 'mkd', 'ara', 'nld', 'fra', 'spa'];
const TESSERACT_PACKAGES = ['tesseract-ocr', ...TESSERACT_LANGS.filter((l) => l !== 'eng').map((l) => `tesseract-ocr-${l.replace(/_/g, '-')}`)];
const tesseractMissing = () => {
  const r = spawnSync(process.env.CLEW_TESSERACT ?? 'tesseract', ['--list-langs'], { encoding: 'utf8' });
  if (r.error || typeof r.stdout !== 'string') return ['tesseract', ...TESSERACT_LANGS];
  const langs = new Set(`${r.stdout}\n${r.stderr ?? ''}`.split('\n').map((l) => l.trim()));
  return TESSERACT_LANGS.filter((l) => !langs.has(l));
};
if (tesseractMissing().length > 0) {
  const root = process.getuid?.() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) {
    console.error(`The OCR tests need Tesseract with ${tesseractMissing().join(', ')}. Install Debian's packages: sudo apt-get install -y ${TESSERACT_PACKAGES.join(' ')} (or set CLEW_TESSERACT).`);
    process.exit(1);
  }
  console.log('installing Debian tesseract-ocr and its language data for the OCR tests…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...TESSERACT_PACKAGES]]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed: install Tesseract by hand (apt-get install -y ${TESSERACT_PACKAGES.join(' ')})`);
      process.exit(1);
    }
  }
  const still = tesseractMissing();
  if (still.length > 0) {
    console.error(`tesseract still lacks ${still.join(', ')} after installing ${TESSERACT_PACKAGES.join(' ')}`);
    process.exit(1);
  }
}
console.log(`tesseract: ${TESSERACT_LANGS.join(', ')}`);

// pdftotext (Debian poppler-utils): the report PDF tests read the text of the PDFs clew prints.
const PDFTOTEXT = '/usr/bin/pdftotext';
if (!existsSync(PDFTOTEXT)) {
  const root = process.getuid?.() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) {
    console.error(`The report PDF tests need ${PDFTOTEXT}. Install Debian's package: sudo apt-get install -y poppler-utils.`);
    process.exit(1);
  }
  console.log('installing Debian poppler-utils (pdftotext) for the report PDF tests…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'poppler-utils']]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed: install poppler-utils by hand (apt-get install -y poppler-utils)`);
      process.exit(1);
    }
  }
}
console.log(`pdftotext: ${PDFTOTEXT}`);
