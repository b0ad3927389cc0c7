import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { embeddedRuntimeFiles, EMBEDDED_EXTENSIONS, locateRuntimeFile } from '../../../server/src/host/embedded/embedded-runtime';

const pgliteDist = path.dirname(require.resolve('@electric-sql/pglite'));
const bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-runtime-'));
after(() => fs.rmSync(bundleDir, { recursive: true, force: true }));

test('every runtime file the bundle must carry exists in the installed PGlite', () => {
  const files = embeddedRuntimeFiles();
  for (const name of ['pglite.wasm', 'initdb.wasm', 'pglite.data', 'pg_trgm.tar.gz']) assert.ok(files.includes(name), name);
  assert.equal(files.length, 3 + EMBEDDED_EXTENSIONS.length);
  for (const file of files) assert.ok(fs.existsSync(path.join(pgliteDist, file)), `${file} in ${pgliteDist}`);
});

test('a file copied next to the bundle wins over node_modules', () => {
  fs.writeFileSync(path.join(bundleDir, 'pglite.wasm'), '');
  assert.equal(locateRuntimeFile('pglite.wasm', bundleDir), path.join(bundleDir, 'pglite.wasm'));
  assert.equal(locateRuntimeFile('initdb.wasm', bundleDir), path.join(pgliteDist, 'initdb.wasm'));
});

test('a runtime file found nowhere is reported by name', () => {
  assert.throws(() => locateRuntimeFile('no-such-extension.tar.gz', bundleDir), /no-such-extension\.tar\.gz is missing/);
});
