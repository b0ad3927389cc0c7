// Gets the machine ready for the end-to-end suite ahead of time, so CI can overlap code-server's install (about
// 80 s, mostly npm and native builds) with the unit tests instead of paying it before the first e2e session:
//   node scripts/e2e-prepare.mjs apt           Debian packages (chromium, code-server's build tools): run it alone,
//                                              before anything else may use apt, since dpkg takes one lock
//   node scripts/e2e-prepare.mjs code-server   code-server into .cache/code-server (no apt: the step above did it)
// The suite itself installs whatever is still missing, so neither step is needed to run it.
import { ensureAptPackages } from './lib/apt.mjs';
import { APT_PREREQUISITES, ensureCodeServer } from './lib/code-server-install.mjs';

const step = process.argv[2];
if (step === 'apt') {
  ensureAptPackages(['chromium', ...APT_PREREQUISITES], { why: 'the end-to-end tests (headless chromium, code-server)' });
} else if (step === 'code-server') {
  const { installedNow } = await ensureCodeServer();
  console.error(installedNow ? 'code-server installed' : 'code-server was installed already');
} else {
  console.error('usage: node scripts/e2e-prepare.mjs apt|code-server');
  process.exitCode = 2;
}
