#!/usr/bin/env node
// Installs or checks what the tests need beyond npm packages. Chromium (for browser tests)
// comes from Debian's `chromium` package; it is installed when missing and we are root.
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
