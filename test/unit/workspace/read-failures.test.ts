// Revision files that cannot be read whole (permissions, a FIFO, over the size limit) stay in the revision graph,
// and links out of the project are not read. The failures are injected through the FileSystem interface, so the
// tests hold when they run as root (where chmod 000 stops nothing).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { ReadProblem } from '../../../server/src/core/fs';
import { Workspace } from '../../../server/src/core/workspace';
import { initParsers } from '../../../server/src/host/parsers';
import { revision } from '../../helpers/hostile-files';
import { defaultConfig } from '../../helpers/lint';
import { MemoryFileSystem } from '../graph/memory-fs';

const V = '/proj/migrations/versions';

/** A MemoryFileSystem where chosen files fail as node-fs reports it, and chosen paths are links. */
class FailingFileSystem extends MemoryFileSystem {
  private readonly failures = new Map<string, { problem: ReadProblem; text?: string }>();
  private readonly links = new Map<string, string>();
  /** Paths readFile was asked for. */
  readonly asked: string[] = [];

  fail(file: string, problem: ReadProblem, head?: string): this {
    this.write(file, '');
    this.failures.set(file, head === undefined ? { problem } : { problem, text: head });
    return this;
  }

  symlink(file: string, target: string): this {
    this.write(file, 'revision = "0001"\n');
    this.links.set(file, target);
    return this;
  }

  override readFile(file: string): string | undefined {
    this.asked.push(file);
    const failure = this.failures.get(file);
    return failure ? failure.text : super.readFile(file);
  }

  readProblem(file: string): ReadProblem | undefined {
    return this.failures.get(file)?.problem;
  }

  realPath(file: string): string | undefined {
    return this.links.get(file) ?? file;
  }
}

const EACCES: ReadProblem = { kind: 'unreadable', message: 'Cannot read the file (permission denied): Alembic cannot load it either' };

function project(): FailingFileSystem {
  const fs = new FailingFileSystem({ '/proj/alembic.ini': '[alembic]\nscript_location = %(here)s/migrations\n' });
  return fs;
}

function load(fs: FailingFileSystem): Workspace {
  const ws = new Workspace(fs, ['/proj'], defaultConfig());
  ws.load();
  return ws;
}

const allRules = (ws: Workspace): string[] => ws.paths().flatMap((p) => ws.findings(p).map((f) => `${p.slice(V.length + 1)} ${f.rule}`));

before(async () => {
  await initParsers();
});

test('an unreadable parent: reported in its file, and its child is no orphan (no unknown-down-revision, no second head)', () => {
  const fs = project().fail(`${V}/0001_a.py`, EACCES);
  fs.write(`${V}/0002_b.py`, revision('0002', '0001'));
  const ws = load(fs);
  assert.deepEqual(allRules(ws), ['0001_a.py python-syntax']);
  assert.equal(ws.findings(`${V}/0001_a.py`)[0]?.message, EACCES.message);
});

test('an unreadable revision in the middle of the history does not split it into two heads', () => {
  const fs = project().fail(`${V}/0002_b.py`, EACCES);
  fs.write(`${V}/0001_a.py`, revision('0001', null)).write(`${V}/0003_c.py`, revision('0003', '0002'));
  assert.deepEqual(allRules(load(fs)), ['0002_b.py python-syntax']);
});

test('a parent over the size limit: its head gives its ids, so the history stays whole and names it', () => {
  const problem: ReadProblem = { kind: 'too-large', message: 'File too large to analyse (3.1 MB): only the revision identifiers at its top were read' };
  // What node-fs returns for such a file: the head, cut after a line, in the middle of upgrade().
  const head = revision('0001', null).split('def downgrade')[0]!;
  const fs = project().fail(`${V}/0001_a.py`, problem, head);
  fs.write(`${V}/0002_b.py`, revision('0002', '0001'));
  const ws = load(fs);
  assert.deepEqual(allRules(ws), ['0001_a.py python-syntax'], 'no missing-downgrade for the unread rest, no graph problem');
  assert.equal(ws.findings(`${V}/0001_a.py`)[0]?.message, problem.message);
  const [graph] = ws.graphs();
  assert.deepEqual([...graph!.nodes.keys()].sort(), ['0001', '0002']);
  assert.deepEqual(graph!.heads, ['0002']);
});

test('a link out of the project is not read, becomes a notice, and keeps the history whole', () => {
  const fs = project().symlink(`${V}/0001_a.py`, '/etc/elsewhere.py');
  fs.write(`${V}/0002_b.py`, revision('0002', '0001'));
  const ws = load(fs);
  assert.ok(!fs.asked.includes(`${V}/0001_a.py`), 'the link was not read');
  assert.deepEqual(allRules(ws), []);
  assert.deepEqual(ws.notices(), [
    {
      severity: 'warning',
      file: `${V}/0001_a.py`,
      message: 'Not read: a symbolic link to /etc/elsewhere.py, outside the project (links out of the project are not followed)',
    },
  ]);
});

test('a link to a file inside the project is followed', () => {
  const fs = project().symlink(`${V}/0001_a.py`, '/proj/shared/0001_a.py');
  fs.write(`${V}/0002_b.py`, revision('0002', '0001'));
  const ws = load(fs);
  assert.ok(fs.asked.includes(`${V}/0001_a.py`));
  assert.deepEqual(ws.notices(), []);
  assert.deepEqual([...ws.graphs()[0]!.nodes.keys()].sort(), ['0001', '0002']);
});

test('a file outside the version folders that cannot be read is left out, not reported', () => {
  const fs = project().fail('/proj/app/models.py', EACCES);
  fs.write(`${V}/0001_a.py`, revision('0001', null));
  const ws = load(fs);
  ws.update('/proj/app/models.py', undefined);
  assert.deepEqual(ws.paths(), [`${V}/0001_a.py`]);
});

test('a file not read whole is compared with no base: the base differs from nothing and from a head, not from the file', () => {
  const problem: ReadProblem = { kind: 'too-large', message: 'File too large to analyse (3.1 MB): only the revision identifiers at its top were read' };
  const fs = project().fail(`${V}/0001_a.py`, problem, revision('0001', null).split('def downgrade')[0]!).fail(`${V}/0002_b.py`, EACCES);
  const ws = load(fs);
  const texts = new Map([
    [`${V}/0001_a.py`, revision('0001', null)],
    [`${V}/0002_b.py`, revision('0002', '0001')],
  ]);
  ws.setBase({ ref: 'main', texts });
  assert.deepEqual(allRules(ws), ['0001_a.py python-syntax', '0002_b.py python-syntax']);
});
