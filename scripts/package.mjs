// `npm run package`: builds the bundles and packs them with @vscode/vsce into out/<name>-<version>.vsix, then
// checks the package's entries (scripts/e2e-vsix.mjs) and prints its size and contents.
//   node scripts/package.mjs [--draft]      --draft: package even without the "repository" / "icon" fields
//   node scripts/package.mjs icon           re-renders images/icon.png from media/alembic.svg (chromium)
// The bundles are self-contained (esbuild), hence --no-dependencies: no node_modules in the package.
// README links: vsce rewrites relative links against package.json's "repository" (images to <repo>/raw/HEAD/...,
// other links to <repo>/blob/HEAD/...), the only form in which they work on the Marketplace and in VS Code's
// extension page, whose content policy loads images over https only. --draft keeps them relative.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readZipEntries, vsixPath, vsixProblems } from './e2e-vsix.mjs';
import { repoRoot } from './lib/repo.mjs';

const VSCE = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
const ICON_SIZE = 128;

/**
 * Builds and packages. Throws when the package lacks a file or holds one it should not.
 * @param {{ draft?: boolean, log?: (line: string) => void }} [options]
 * @returns {{ vsix: string, bytes: number, entries: { name: string, size: number }[] }}
 */
export function packageExtension({ draft = false, log = (line) => console.log(line) } = {}) {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const missingFields = ['repository', 'icon'].filter((field) => !manifest[field]);
  if (missingFields.length > 0 && !draft) {
    throw new Error(
      `package.json lacks ${missingFields.map((f) => `"${f}"`).join(' and ')}: "repository" lets vsce turn README's relative links into ` +
        'absolute ones, "icon": "images/icon.png" names the extension\'s icon. Add them, or package with --draft for a local try-out.',
    );
  }
  // One npm-run-script per step, with the project's own npm: the build is exactly `npm run build`.
  execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'], timeout: 5 * 60_000 });
  mkdirSync(path.dirname(vsixPath), { recursive: true });
  rmSync(vsixPath, { force: true });
  const args = [VSCE, 'package', '--no-dependencies', '--out', vsixPath];
  if (draft) {
    for (const field of missingFields) log(`warning: package.json has no "${field}" (--draft)`);
    if (!manifest.repository) args.push('--allow-missing-repository', '--no-rewrite-relative-links');
  }
  // stdin closed: a question from vsce (a missing field) fails instead of waiting for an answer.
  execFileSync(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'], timeout: 5 * 60_000 });

  const entries = readZipEntries(vsixPath);
  const manifestText = entries.find((e) => e.name === 'extension/package.json')?.read().toString('utf8');
  const problems = vsixProblems(
    entries.map((e) => e.name),
    draft || manifestText === undefined ? {} : { manifestText },
  );
  if (problems.length > 0) {
    // Gone, so that nothing installs or tests it.
    rmSync(vsixPath, { force: true });
    throw new Error(`${path.relative(repoRoot, vsixPath)} was not right, and is deleted:\n  ${problems.join('\n  ')}`);
  }
  return { vsix: vsixPath, bytes: statSync(vsixPath).size, entries };
}

/** images/icon.png: media/alembic.svg (the activity bar's line icon) in white on a square, drawn by chromium. */
export async function renderIcon() {
  const { chromium } = await import('playwright-core');
  const { CHROMIUM } = await import('../test/e2e/browser.mjs');
  const svg = readFileSync(path.join(repoRoot, 'media', 'alembic.svg'), 'utf8').replace(/<!--.*?-->/gs, '');
  const html = `<!doctype html><html><body style="margin:0;background:transparent">
    <div id="icon" style="width:${ICON_SIZE}px;height:${ICON_SIZE}px;border-radius:22px;background:#336791;color:#fff;
      display:flex;align-items:center;justify-content:center">
      <div style="width:96px;height:96px">${svg.replace('width="24" height="24"', 'width="96" height="96"')}</div>
    </div></body></html>`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: ICON_SIZE, height: ICON_SIZE } });
    await page.setContent(html);
    const file = path.join(repoRoot, 'images', 'icon.png');
    writeFileSync(file, await page.locator('#icon').screenshot({ omitBackground: true }));
    return file;
  } finally {
    await browser.close();
  }
}

async function main() {
  if (process.argv[2] === 'icon') {
    console.log(`Rendered ${path.relative(repoRoot, await renderIcon())}`);
    return;
  }
  const started = Date.now();
  const { vsix, bytes, entries } = packageExtension({ draft: process.argv.includes('--draft') });
  const width = Math.max(...entries.map((e) => e.name.length));
  for (const entry of [...entries].sort((a, b) => a.name.localeCompare(b.name))) console.log(`  ${entry.name.padEnd(width)}  ${kib(entry.size)}`);
  console.log(`${path.relative(repoRoot, vsix)}: ${kib(bytes)} (${entries.length} files, ${kib(entries.reduce((sum, e) => sum + e.size, 0))} unpacked) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** @param {number} bytes */
function kib(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(0)} KiB`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
