// The packaged extension: where `npm run package` writes the .vsix, what it must and must not hold, and how the
// end-to-end runners install it into a fresh extensions folder.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { ensureCodeServer } from './lib/code-server-install.mjs';
import { onExit } from './lib/exit-cleanup.cjs';
import { repoRoot } from './lib/repo.mjs';

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));

/** The extension's id as VS Code knows it: `<publisher>.<name>`. */
export const extensionId = `${manifest.publisher}.${manifest.name}`;

/** out/<name>-<version>.vsix */
export const vsixPath = path.join(repoRoot, 'out', `${manifest.name}-${manifest.version}.vsix`);

/**
 * @typedef {object} ZipEntry
 * @property {string} name
 * @property {number} size uncompressed bytes
 * @property {() => Buffer} read its content
 */

/**
 * The entries of a zip file, read from its central directory (a .vsix is a zip; no unzip binary needed).
 * @param {string} file
 * @returns {ZipEntry[]}
 */
export function readZipEntries(file) {
  const zip = readFileSync(file);
  // The end-of-central-directory record sits in the last 22 bytes plus at most a 64 KiB comment.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file (no end of central directory)`);
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) throw new Error(`${file} is a zip64 archive, which a .vsix never needs to be`);
  /** @type {ZipEntry[]} */
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error(`${file}: central directory entry ${i} is corrupt`);
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localHeader = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    const read = () => {
      // The local header repeats the name and has an extra field of its own length.
      const start = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
      const data = zip.subarray(start, start + compressedSize);
      if (method === 0) return Buffer.from(data);
      if (method === 8) return inflateRawSync(data);
      throw new Error(`${file}: ${name} uses compression method ${method}`);
    };
    entries.push({ name, size, read });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

// What the extension loads at run time beyond what package.json names: the language server, the CLI (Verify runs
// it), the embedded database's process, the Graph view's page (script and style sheet), and the WASM files they read from next to their bundles.
const RUNTIME_FILES = ['dist/server.js', 'dist/cli.js', 'dist/embedded-db-main.js', 'dist/parse-worker-main.js', 'dist/graph-webview.js', 'media/graph.css', 'dist/web-tree-sitter.wasm', 'dist/tree-sitter-python.wasm', 'dist/libpg-query.wasm'];

/** Every file the packaged extension needs, as paths inside the extension folder. */
export function requiredFiles() {
  const pglite = JSON.parse(readFileSync(path.join(repoRoot, 'server', 'src', 'host', 'embedded', 'pglite-runtime.json'), 'utf8'));
  const contributes = manifest.contributes ?? {};
  const fromManifest = [
    manifest.main,
    manifest.icon,
    ...(contributes.grammars ?? []).map((/** @type {{ path: string }} */ g) => g.path),
    ...(contributes.snippets ?? []).map((/** @type {{ path: string }} */ s) => s.path),
    ...Object.values(contributes.viewsContainers ?? {}).flat().map((/** @type {{ icon: string }} */ c) => c.icon),
  ];
  const files = [
    'package.json',
    // vsce stores them in lower case, as the Marketplace expects.
    'readme.md',
    'changelog.md',
    ...fromManifest.filter((f) => typeof f === 'string'),
    ...RUNTIME_FILES,
    ...Object.values(pglite.core).map((f) => `dist/${f}`),
    ...pglite.extensions.map((/** @type {string} */ e) => `dist/${e}.tar.gz`),
  ];
  return [...new Set(files.map((f) => path.posix.normalize(f)))];
}

// Everything else is unexpected: sources, tests, node_modules, source maps.
const ALLOWED = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt)$/,
  /^extension\/dist\/(extension|server|cli|embedded-db-main|parse-worker-main|graph-webview)\.js$/,
  /^extension\/dist\/[\w.-]+\.(wasm|data|tar\.gz)$/,
  /^extension\/(media|syntaxes|snippets)\/[\w./-]+$/,
  /^extension\/images\/icon\.png$/,
];

/**
 * What is wrong with a package's entries: files it lacks, files it should not hold, manifest fields vsce and the
 * Marketplace need. Empty when the package is right.
 * @param {string[]} names the zip entries
 * @param {{ manifestText?: string }} [packaged] the package.json inside the .vsix, to check its fields
 * @returns {string[]}
 */
export function vsixProblems(names, packaged = {}) {
  const present = new Set(names);
  const problems = [];
  for (const file of requiredFiles()) if (!present.has(`extension/${file}`)) problems.push(`missing: extension/${file}`);
  if (!present.has('extension/LICENSE.txt')) problems.push('missing: extension/LICENSE.txt (the LICENSE file)');
  for (const name of names) if (!ALLOWED.some((re) => re.test(name))) problems.push(`unexpected: ${name}`);
  if (packaged.manifestText !== undefined) {
    const packagedManifest = JSON.parse(packaged.manifestText);
    if (!packagedManifest.icon) problems.push('package.json has no "icon": the Extensions view and the Marketplace show a placeholder');
    if (!packagedManifest.repository) problems.push('package.json has no "repository": README links stay relative and break outside the repository');
  }
  return problems;
}

/**
 * Installs a .vsix into `extensionsDir` with code-server's own installer (the path a user's
 * `code-server --install-extension` takes), so a package VS Code cannot install fails here.
 * @param {string} vsix
 * @param {string} extensionsDir
 * @returns {Promise<string>} the folder the extension was unpacked into
 */
export async function installVsix(vsix, extensionsDir) {
  const { entry } = await ensureCodeServer();
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'alembic-vsix-install-'));
  const removeScratch = () => rmSync(scratch, { recursive: true, force: true });
  const forgetScratch = onExit(removeScratch);
  try {
    // Our own config: the user's ~/.config/code-server/config.yaml is none of the installer's business.
    const config = path.join(scratch, 'config.yaml');
    writeFileSync(config, 'auth: none\n');
    const args = [entry, '--config', config, '--user-data-dir', path.join(scratch, 'user-data'), '--extensions-dir', extensionsDir, '--install-extension', vsix];
    const output = await new Promise((resolve, reject) => {
      execFile(process.execPath, args, { timeout: 120_000, killSignal: 'SIGKILL', env: withoutVscodeIpc() }, (error, stdout, stderr) => {
        if (error) reject(new Error(`code-server --install-extension ${path.basename(vsix)} failed: ${error.message}\n${stdout}${stderr}`));
        else resolve(`${stdout}${stderr}`.trim());
      });
    });
    const folder = path.join(extensionsDir, `${extensionId}-${manifest.version}`.toLowerCase());
    if (!existsSync(path.join(folder, 'package.json'))) throw new Error(`code-server --install-extension left no ${folder}:\n${output}`);
    return folder;
  } finally {
    forgetScratch();
    removeScratch();
  }
}

/** Run from a VS Code terminal, VSCODE_IPC_HOOK_CLI would hand the install to that VS Code instead. */
function withoutVscodeIpc() {
  /** @type {NodeJS.ProcessEnv} */
  const env = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('VSCODE_')) env[key] = value;
  return env;
}
