// The parse pool: files read and parsed in worker threads come back as exactly the MigrationFiles the in-process read
// makes (structured clone included), on every fixture of the repository and on files that cannot be read whole; a
// worker that throws or dies loses no file (the workspace parses its files in-process, with the same findings).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { resolveConfig } from '../../../server/src/core/config';
import { MAX_ANALYSED_LENGTH } from '../../../server/src/core/limits';
import { readMigration, type ReadRequest } from '../../../server/src/core/migration/read-migration';
import { ruleDefaults } from '../../../server/src/core/rules';
import { Workspace } from '../../../server/src/core/workspace';
import { NodeFileSystem } from '../../../server/src/host/node-fs';
import { parseAhead, PARALLEL_MIN_FILES } from '../../../server/src/host/parse/parse-pool';
import { initParsers } from '../../../server/src/host/parsers';
import { revision } from '../../helpers/hostile-files';
import { fixturePath, repoRoot } from '../../helpers/repo';

let base: string;

before(async () => {
  await initParsers();
  base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'alembic-parse-pool-')));
});

after(() => fs.rmSync(base, { recursive: true, force: true }));

function pythonFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).flatMap((e) => (e.isFile() && e.name.endsWith('.py') ? [path.join(e.parentPath, e.name)] : []));
}

/** A project whose versions folder holds a huge revision, one not UTF-8, one with a syntax error and plain ones. */
function trickyProject(name: string, plain: number): string {
  const root = path.join(base, name);
  const versions = path.join(root, 'migrations', 'versions');
  fs.mkdirSync(versions, { recursive: true });
  fs.writeFileSync(path.join(root, 'alembic.ini'), '[alembic]\nscript_location = %(here)s/migrations\n');
  fs.writeFileSync(path.join(versions, '0001_a.py'), revision('0001', null));
  fs.writeFileSync(path.join(versions, '0002_huge.py'), `${revision('0002', '0001')}${'# filler\n'.repeat(Math.ceil(MAX_ANALYSED_LENGTH / 9) + 1)}`);
  fs.writeFileSync(path.join(versions, '0003_latin1.py'), Buffer.concat([Buffer.from(revision('0003', '0002')), Buffer.from('# caf\xe9\n', 'latin1')]));
  fs.writeFileSync(path.join(versions, '0004_broken.py'), `${revision('0004', '0003')}def upgrade(:\n    op.execute("CREATE TABLE IF NOT EXISTS t (id int)")\n`);
  for (let i = 0; i < plain; i++) {
    const id = String(5 + i).padStart(4, '0');
    const sql = i % 2 === 0 ? 'CREATE TABLE t_%s (id int)' : 'CREAT TABLE IF NOT EXISTS t_%s (id int)';
    const parent = String(4 + i).padStart(4, '0');
    const text = `from alembic import op\n\nrevision = "${id}"\ndown_revision = "${parent}"\n\n\ndef upgrade():\n    op.execute("${sql.replace('%s', id)}")\n\n\ndef downgrade():\n    pass\n`;
    fs.writeFileSync(path.join(versions, `${id}_m.py`), text);
  }
  return root;
}

function requests(files: string[]): ReadRequest[] {
  return files.map((file) => ({ path: file, loaded: true }));
}

const config = resolveConfig({}, ruleDefaults()).config;

/** Every file's findings and what the scan noticed: what a user would see of the workspace. */
function seen(ws: Workspace): unknown {
  return { files: ws.paths().map((p) => ({ path: p, findings: ws.findings(p) })), notices: ws.notices(), graphs: ws.graphs().map((g) => g.heads) };
}

function loadedInProcess(root: string): Workspace {
  const ws = new Workspace(new NodeFileSystem(), [root], config);
  ws.load();
  return ws;
}

async function loadedAhead(root: string, options: Parameters<typeof parseAhead>[1]): Promise<{ ws: Workspace; ahead: Awaited<ReturnType<typeof parseAhead>> }> {
  const ws = new Workspace(new NodeFileSystem(), [root], config);
  const plan = ws.plan();
  const ahead = await parseAhead(plan.reads, options);
  for (const _ of ws.loading(plan, ahead.files));
  return { ws, ahead };
}

/** A worker script that behaves like the real one for `good` batches, then fails as `how` says. */
function failingWorker(name: string, good: number, how: string): string {
  const file = path.join(base, `${name}.js`);
  const real = path.join(repoRoot, 'out', 'server', 'src', 'host', 'parse', 'parse-worker-main.js');
  fs.writeFileSync(
    file,
    `const { parentPort } = require('node:worker_threads');\nlet seen = 0;\nparentPort.on('message', () => { if (++seen > ${good}) { ${how} } });\n` +
      (good > 0 ? `require(${JSON.stringify(real)});\n` : ''),
  );
  return file;
}

test('every fixture of the repository parsed in worker threads is the same MigrationFile the in-process read makes', async () => {
  const files = [...pythonFiles(fixturePath()), ...pythonFiles(path.join(repoRoot, 'examples')), ...pythonFiles(trickyProject('tricky', 0))];
  assert.ok(files.length > 200, `${files.length} fixture files`);
  const ahead = await parseAhead(requests(files), { workers: 2, minFiles: 0, mainThread: false });
  assert.equal(ahead.workers, 2);
  assert.deepEqual(ahead.problems, []);
  assert.equal(ahead.files.size, files.length);
  const fsInProcess = new NodeFileSystem();
  for (const request of requests(files)) assert.deepStrictEqual(ahead.files.get(request.path), readMigration(fsInProcess, request), request.path);
});

test('a huge file, one not UTF-8 and a syntax error: the same findings with the files parsed in worker threads as in-process', async () => {
  const root = trickyProject('findings', 60);
  const { ws, ahead } = await loadedAhead(root, { workers: 2, minFiles: 0 });
  assert.equal(ahead.workers, 2);
  const expected = seen(loadedInProcess(root));
  assert.deepStrictEqual(seen(ws), expected);
  // The fixture is what it claims: each tricky file has its own finding.
  const rules = ws.paths().flatMap((p) => ws.findings(p).map((f) => `${path.basename(p)} ${f.rule}`));
  for (const name of ['0002_huge.py', '0003_latin1.py', '0004_broken.py']) assert.ok(rules.includes(`${name} python-syntax`), `${name}: ${rules.join(', ')}`);
  assert.ok(rules.some((r) => r.endsWith(' sql-syntax')), rules.join(', '));
});

test('a worker that throws on its first batch: its files are parsed in-process, with the same findings', async () => {
  const root = trickyProject('throws', 100);
  const entry = failingWorker('throws', 0, "throw new Error('boom');");
  const { ws, ahead } = await loadedAhead(root, { workers: 2, minFiles: 0, mainThread: false, entry });
  assert.equal(ahead.files.size, 0, 'no worker parsed anything');
  assert.equal(ahead.problems.length, 2);
  assert.match(ahead.problems[0]!, /^a parse worker failed \(boom\): its \d+ files were parsed in-process$/);
  assert.deepStrictEqual(seen(ws), seen(loadedInProcess(root)));
});

test('a worker that dies half way: the files it parsed are kept, the rest are parsed in-process, with the same findings', async () => {
  const root = trickyProject('dies', 200);
  // Two batches are in flight from the start: the third message comes once the first batch is back.
  const entry = failingWorker('dies', 2, 'process.exit(3);');
  const { ws, ahead } = await loadedAhead(root, { workers: 1, minFiles: 0, mainThread: false, entry });
  assert.ok(ahead.files.size > 0 && ahead.files.size < ws.paths().length, `${ahead.files.size} of ${ws.paths().length} parsed ahead`);
  assert.deepEqual(ahead.problems.length, 1);
  assert.match(ahead.problems[0]!, /^a parse worker exited \(code 3\): its \d+ files were parsed in-process$/);
  assert.deepStrictEqual(seen(ws), seen(loadedInProcess(root)));
});

test('a worker script that cannot be loaded: everything is parsed by the main thread and the workspace', async () => {
  const root = trickyProject('missing', 100);
  const { ws, ahead } = await loadedAhead(root, { workers: 2, minFiles: 0, entry: path.join(base, 'no-such-worker.js') });
  assert.equal(ahead.problems.length, 2);
  assert.deepStrictEqual(seen(ws), seen(loadedInProcess(root)));
});

test('below the threshold no worker starts, and the workspace parses every file itself', async () => {
  const files = pythonFiles(fixturePath('cli', 'project'));
  assert.ok(files.length < PARALLEL_MIN_FILES);
  const ahead = await parseAhead(requests(files));
  assert.equal(ahead.workers, 0);
  assert.equal(ahead.files.size, 0);
});

test('progress counts the files as batches come back, up to all of them', async () => {
  const files = pythonFiles(fixturePath('rules'));
  const reported: number[] = [];
  await parseAhead(requests(files), { workers: 2, minFiles: 0, onProgress: (done, total) => reported.push(done / total) });
  assert.ok(reported.length > 1, `${reported.length} reports`);
  assert.deepEqual(reported, [...reported].sort((a, b) => a - b));
  assert.equal(reported.at(-1), 1);
});
