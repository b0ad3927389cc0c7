// Installs Debian packages the harness needs, only those missing, so a warm machine pays one dpkg-query.
import { execFileSync } from 'node:child_process';

/** @param {string} name */
function isInstalled(name) {
  try {
    const status = execFileSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return status.trim() === 'install ok installed';
  } catch {
    return false;
  }
}

/**
 * @param {string[]} packages Debian package names
 * @param {{ why: string, log?: (line: string) => void }} options why: said in the error when they cannot be installed
 * @returns {string[]} the packages it installed (empty when all were there)
 */
export function ensureAptPackages(packages, { why, log = (line) => console.error(line) }) {
  const missing = packages.filter((p) => !isInstalled(p));
  if (missing.length === 0) return [];
  const hint = `apt-get install -y ${missing.join(' ')}`;
  if (process.platform !== 'linux' || !hasApt()) {
    throw new Error(`${why} needs the Debian packages ${missing.join(', ')}, and this machine has no apt-get: install their equivalents`);
  }
  if (process.getuid?.() !== 0) {
    throw new Error(`${why} needs the Debian packages ${missing.join(', ')}: run \`sudo ${hint}\` (only root can install them)`);
  }
  log(`Installing ${missing.join(', ')} with apt-get (${why})...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Without a fresh index, a machine whose lists were cleaned finds nothing to install.
  run(['apt-get', 'update', '-qq'], env, hint);
  run(['apt-get', 'install', '-y', '-qq', ...missing], env, hint);
  const stillMissing = missing.filter((p) => !isInstalled(p));
  if (stillMissing.length > 0) throw new Error(`apt-get finished but ${stillMissing.join(', ')} is still not installed`);
  return missing;
}

function hasApt() {
  try {
    execFileSync('apt-get', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** @param {string[]} argv @param {NodeJS.ProcessEnv} env @param {string} hint */
function run(argv, env, hint) {
  const [cmd, ...args] = argv;
  try {
    execFileSync(/** @type {string} */ (cmd), args, { env, stdio: ['ignore', 'inherit', 'inherit'], timeout: 15 * 60_000 });
  } catch (error) {
    throw new Error(`\`${argv.join(' ')}\` failed (${error instanceof Error ? error.message : String(error)}); try \`${hint}\` by hand`);
  }
}
