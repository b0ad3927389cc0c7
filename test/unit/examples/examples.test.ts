// examples/backend: the SOP's layout, a linear chain of revisions 0001..0005 with reversible, guarded SQL, and
// clean under the linter.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { initParsers } from '../../../server/src/host/parsers';
import { lintSources } from '../../helpers/lint';
import { repoRoot } from '../../helpers/repo';

const backend = path.join(repoRoot, 'examples', 'backend');
const versionsDir = path.join(backend, 'database_migrations', 'versions');

interface Revision {
  file: string;
  text: string;
  revision: string | undefined;
  downRevision: string | null | undefined;
  docRevisionId: string | undefined;
  docRevises: string | undefined;
  upgrade: string | undefined;
  downgrade: string | undefined;
}

/** The indented body of `def name(...)`, up to the next top-level line. */
function functionBody(text: string, name: string): string | undefined {
  const m = new RegExp(`^def ${name}\\(\\) -> None:\\n((?:[ \\t]+.*\\n|\\n)+)`, 'm').exec(text);
  return m?.[1];
}

function readRevision(file: string): Revision {
  const text = fs.readFileSync(path.join(versionsDir, file), 'utf8');
  const down = /^down_revision = (?:"(\w+)"|(None))$/m.exec(text);
  return {
    file,
    text,
    revision: /^revision = "(\w+)"$/m.exec(text)?.[1],
    downRevision: down ? (down[2] ? null : down[1]) : undefined,
    docRevisionId: /^Revision ID: (\S+)$/m.exec(text)?.[1],
    docRevises: /^Revises:[ \t]*(\S*)$/m.exec(text)?.[1],
    upgrade: functionBody(text, 'upgrade'),
    downgrade: functionBody(text, 'downgrade'),
  };
}

const files = fs.readdirSync(versionsDir).filter((name) => name.endsWith('.py')).sort();
const revisions = files.map(readRevision);

test('the project has the SOP layout', () => {
  for (const name of ['migrate.py', 'alembic.ini', '.env.example', 'README.md', 'database_migrations/env.py', 'database_migrations/script.py.mako']) {
    assert.ok(fs.existsSync(path.join(backend, name)), `examples/backend/${name} is missing`);
  }
  const ini = fs.readFileSync(path.join(backend, 'alembic.ini'), 'utf8');
  assert.match(ini, /^script_location = %\(here\)s\/database_migrations$/m);
  assert.match(ini, /^file_template = %%\(rev\)s_%%\(slug\)s$/m);
  assert.match(ini, /^sqlalchemy\.url =[ \t]*$/m, 'the URL is left to env.py');
});

test('migrate.py offers the SOP commands', () => {
  const cli = fs.readFileSync(path.join(backend, 'migrate.py'), 'utf8');
  const commands = [...cli.matchAll(/add_parser\("(\w+)"/g)].map((m) => m[1]).sort();
  assert.deepEqual(commands, ['current', 'downgrade', 'heads', 'history', 'merge', 'revision', 'stamp', 'upgrade']);
  assert.match(cli, /Config\(str\(HERE \/ "alembic\.ini"\)\)/, 'reads alembic.ini next to itself');
});

test('env.py reads DATABASE_URL and the POSTGRES_* variables and runs one transaction per migration', () => {
  const env = fs.readFileSync(path.join(backend, 'database_migrations', 'env.py'), 'utf8');
  for (const name of ['DATABASE_URL', 'POSTGRES_USER', 'POSTGRES_PASSWORD', 'POSTGRES_HOST', 'POSTGRES_PORT', 'POSTGRES_DB']) {
    assert.ok(env.includes(`"${name}"`), `env.py does not read ${name}`);
  }
  assert.match(env, /postgresql\+psycopg2/);
  assert.equal(env.match(/transaction_per_migration=True/g)?.length, 2, 'offline and online modes');
});

test('versions form one linear chain 0001..0005', () => {
  assert.deepEqual(
    revisions.map((r) => r.revision),
    ['0001', '0002', '0003', '0004', '0005'],
  );
  revisions.forEach((r, i) => {
    assert.match(r.file, /^\d{4}_[a-z0-9_]+\.py$/, `${r.file}: XXXX_slug.py`);
    assert.equal(r.file.slice(0, 4), r.revision, `${r.file}: the file name starts with the revision id`);
    assert.equal(r.downRevision, i === 0 ? null : revisions[i - 1]!.revision, `${r.file}: down_revision`);
    assert.equal(r.docRevisionId, r.revision, `${r.file}: docstring Revision ID`);
    assert.equal(r.docRevises, r.downRevision ?? '', `${r.file}: docstring Revises`);
  });
});

test('every version has an upgrade and a downgrade with statements, guarded by IF [NOT] EXISTS', () => {
  for (const r of revisions) {
    assert.ok(r.upgrade?.includes('op.execute('), `${r.file}: upgrade() runs SQL`);
    assert.ok(r.downgrade?.includes('op.execute('), `${r.file}: downgrade() runs SQL`);
    const creates = r.upgrade!.match(/\b(?:CREATE (?:TABLE|INDEX|EXTENSION)|ADD COLUMN)\b/g) ?? [];
    const guardedCreates = r.upgrade!.match(/\b(?:CREATE (?:TABLE|INDEX(?: CONCURRENTLY)?|EXTENSION)|ADD COLUMN) IF NOT EXISTS\b/g) ?? [];
    assert.equal(guardedCreates.length, creates.length, `${r.file}: every CREATE / ADD COLUMN has IF NOT EXISTS`);
    const drops = r.downgrade!.match(/\bDROP (?:TABLE|INDEX|EXTENSION|COLUMN)\b/g) ?? [];
    const guardedDrops = r.downgrade!.match(/\bDROP (?:TABLE|INDEX(?: CONCURRENTLY)?|EXTENSION|COLUMN) IF EXISTS\b/g) ?? [];
    assert.ok(drops.length > 0, `${r.file}: downgrade() drops what the upgrade made`);
    assert.equal(guardedDrops.length, drops.length, `${r.file}: every DROP has IF EXISTS`);
  }
});

test('CONCURRENTLY only inside autocommit_block()', () => {
  const concurrent = revisions.filter((r) => r.text.includes('CONCURRENTLY'));
  assert.ok(concurrent.length > 0, 'the example shows a concurrent index');
  for (const r of concurrent) {
    for (const body of [r.upgrade!, r.downgrade!].map(withoutComments)) {
      const block = /with op\.get_context\(\)\.autocommit_block\(\):\n((?:[ \t]{8,}.*\n|\n)+)/.exec(body)?.[1] ?? '';
      assert.equal(body.split('CONCURRENTLY').length, block.split('CONCURRENTLY').length, `${r.file}: CONCURRENTLY outside the block`);
    }
  }
});

function withoutComments(code: string): string {
  return code.replace(/^[ \t]*#.*\n/gm, '');
}

test('the example is clean under the linter', async () => {
  await initParsers();
  const findings = [...lintSources(revisions.map((r) => ({ path: path.join(versionsDir, r.file), text: r.text }))).values()].flat();
  assert.deepEqual(findings.map((f) => `${path.basename(f.file)}: ${f.rule}: ${f.message}`), []);
});
