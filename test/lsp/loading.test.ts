// Loading the workspace in slices: window progress while the files are read, a line in the output saying what was
// indexed, changes on disk made meanwhile not lost, and a newer load (folders changed) superseding an older one.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { FileChangeType, type FileEvent } from 'vscode-languageserver';
import { initParsers } from '../../server/src/host/parsers';
import { NodeFileSystem } from '../../server/src/host/node-fs';
import { parseAhead } from '../../server/src/host/parse/parse-pool';
import { loadWorkspace, workspaceFoldersChanged } from '../../server/src/lsp/lifecycle';
import { createState, type ServerState } from '../../server/src/lsp/state';
import { pathToUri, uriToPath } from '../../server/src/lsp/uri';
import { watchedFilesChanged } from '../../server/src/lsp/watched-files';
import { fixturePath } from '../helpers/repo';
import { testSink, type SinkRecord } from '../helpers/sink';

let base: string;

before(async () => {
  await initParsers();
  base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'alembic-loading-')));
});

after(() => fs.rmSync(base, { recursive: true, force: true }));

function project(name: string): { root: string; versions: string } {
  const root = path.join(base, name);
  fs.cpSync(fixturePath('cli', 'project'), root, { recursive: true });
  return { root, versions: path.join(root, 'migrations', 'versions') };
}

function loadingState(roots: string[], record: SinkRecord, published: Map<string, string[]>): ServerState {
  const state = createState(
    new NodeFileSystem(),
    testSink({ publishDiagnostics: (uri, diagnostics) => published.set(uri, diagnostics.map((d) => String(d.code))), error: (message) => assert.fail(message) }, record),
    60_000,
  );
  state.client.workDoneProgress = true;
  state.roots = roots;
  return state;
}

/** Lets the load that is running take its next slice. */
const nextSlice = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

test('loading shows progress with the number of files, ends it, and says what it indexed', async () => {
  const { root } = project('progress');
  const record: SinkRecord = { progress: [], info: [] };
  const state = loadingState([root], record, new Map());
  try {
    // The extension activated 2 s before this process started (as initialize says): the first load reports against it.
    state.activatedAt = performance.timeOrigin - 2000;
    // Every file its own slice: the progress is reported between them.
    await loadWorkspace(state, 0);
    assert.equal(record.progress.length, 1);
    const [shown] = record.progress;
    assert.equal(shown?.title, 'Alembic');
    assert.ok(shown?.messages.includes('indexing 4 migrations'), JSON.stringify(shown?.messages));
    assert.equal(shown?.done, true, 'the progress ends');
    // Durations print as "640 ms" or "1.6 s": a slow or busy machine may take seconds for four files.
    const took = String.raw`(?:\d+ ms|\d+\.\d s)`;
    assert.match(
      record.info.join('\n'),
      new RegExp(String.raw`^Indexed 4 migration files in 1 workspace folder in ${took} \(reading and parsing ${took}, checking ${took}\); diagnostics (?:[2-9]|\d\d+)\.\d s after the extension activated \(the server started 2\.0 s after it\)$`),
    );
    assert.equal(state.ready, true);
  } finally {
    state.throttle.dispose();
  }
});

test('a file changed on disk while the load reads the files is applied once it is done', async () => {
  const { root, versions } = project('changed');
  const published = new Map<string, string[]>();
  const state = loadingState([root], { progress: [], info: [] }, published);
  try {
    const loading = loadWorkspace(state, 0);
    await nextSlice();
    await nextSlice();
    assert.equal(state.ready, false, 'the load is still reading');
    // Some files are read already, the others not yet: every change must show, whichever it was.
    const files = fs.readdirSync(versions).map((name) => path.join(versions, name));
    for (const file of files) fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('def upgrade() -> None:', 'def upgrade() -> None:\n    op.execute("SELEC 1")'));
    watchedFilesChanged(state, files.map((file) => ({ uri: pathToUri(file), type: FileChangeType.Changed })));
    await loading;
    for (const file of files) assert.ok(published.get(pathToUri(file))?.includes('sql-syntax'), `${file}: ${JSON.stringify(published.get(pathToUri(file)))}`);
  } finally {
    state.throttle.dispose();
  }
});

test('a load superseded by a newer one (the folders changed) gives way: only the newer projects are kept', async () => {
  const older = project('older');
  const newer = project('newer');
  const record: SinkRecord = { progress: [], info: [] };
  const state = loadingState([older.root], record, new Map());
  try {
    const first = loadWorkspace(state, 0);
    await nextSlice();
    const second = workspaceFoldersChanged(state, [newer.root]);
    await Promise.all([first, second]);
    assert.deepEqual(
      state.projects.map((p) => p.root),
      [newer.root],
    );
    assert.equal(record.info.length, 1, 'only the newer load finished');
    assert.ok(record.progress.every((p) => p.done) && record.progress.length === 2, JSON.stringify(record.progress));
  } finally {
    state.throttle.dispose();
  }
});

test('with the files parsed in worker threads, the first load and a rescan publish what the in-process ones do', async () => {
  const roots = { inProcess: project('in-process'), inWorkers: project('in-workers') };
  const published = { inProcess: new Map<string, string[]>(), inWorkers: new Map<string, string[]>() };
  const plain = loadingState([roots.inProcess.root], { progress: [], info: [] }, published.inProcess);
  const aheadRecord: SinkRecord = { progress: [], info: [] };
  const ahead = loadingState([roots.inWorkers.root], aheadRecord, published.inWorkers);
  let parsedAhead = 0;
  ahead.parseAhead = async (requests, onProgress) => {
    const result = await parseAhead(requests, { workers: 2, minFiles: 0, mainThread: false, onProgress });
    parsedAhead += result.files.size;
    return result;
  };
  /** Published codes by path inside the project, so that the two projects compare. */
  const byFile = (which: keyof typeof roots): Record<string, string[]> =>
    Object.fromEntries([...published[which]].map(([uri, codes]) => [path.relative(roots[which].root, uriToPath(uri)!), codes]).sort());
  try {
    for (const { versions } of Object.values(roots)) {
      // A file that is not UTF-8, and one with a SQL error.
      fs.copyFileSync(fixturePath('cli', 'encodings', 'versions', '0002_garbage.py'), path.join(versions, '0005_garbage.py'));
      fs.writeFileSync(path.join(versions, '0006_typo.py'), 'revision = "0006"\ndown_revision = "0004"\n\n\ndef upgrade():\n    op.execute("SELEC 1")\n');
    }
    await Promise.all([loadWorkspace(plain, 0), loadWorkspace(ahead, 0)]);
    assert.equal(parsedAhead, 6, 'the worker threads parsed every file');
    assert.match(aheadRecord.info.join('\n'), /\(reading and parsing (?:\d+ ms|\d+\.\d s) in 1 worker thread, checking /);
    assert.deepEqual(byFile('inWorkers'), byFile('inProcess'));
    assert.ok(byFile('inWorkers')[path.join('migrations', 'versions', '0006_typo.py')]?.includes('sql-syntax'), JSON.stringify(byFile('inWorkers')));

    // alembic.ini now names a second versions folder: the rescan reads it, in worker threads too.
    for (const { root } of Object.values(roots)) {
      fs.mkdirSync(path.join(root, 'more'));
      fs.writeFileSync(path.join(root, 'more', '0007_more.py'), 'revision = "0007"\ndown_revision = "0006"\n\n\ndef upgrade():\n    op.execute("DELET FROM t")\n');
      fs.appendFileSync(path.join(root, 'alembic.ini'), 'version_locations = %(here)s/migrations/versions %(here)s/more\n');
    }
    const iniChanged = (which: keyof typeof roots): FileEvent[] => [{ uri: pathToUri(path.join(roots[which].root, 'alembic.ini')), type: FileChangeType.Changed }];
    watchedFilesChanged(plain, iniChanged('inProcess'));
    await watchedFilesChanged(ahead, iniChanged('inWorkers'));
    assert.equal(parsedAhead, 13, 'the rescan parsed every file in worker threads');
    assert.deepEqual(byFile('inWorkers'), byFile('inProcess'));
    assert.ok(byFile('inWorkers')[path.join('more', '0007_more.py')]?.includes('sql-syntax'), JSON.stringify(byFile('inWorkers')));
  } finally {
    plain.throttle.dispose();
    ahead.throttle.dispose();
  }
});
