// The Alembic commands the extension runs, against one fresh database of a backend, on one copy of
// examples/backend. The tests build on each other in registration order (node:test runs a file's tests
// sequentially): upgrade, revisions, downgrade, stamp, a second head and its merge, offline SQL.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before } from 'node:test';
import { randomBytes } from 'node:crypto';
import type { ResolvedConnection } from '../../../client/src/database/resolve-connection';
import { nextRevisionId } from '../../../client/src/alembic/revision-id';
import { readCurrentRevisions } from '../../../client/src/database/version-table';
import { testOn, type BackendKind } from '../backends';
import { SETUP_TIMEOUT_MS } from '../harness';
import { assertOk, cli, current, exampleProject, revisionIds, writeRevision, type ExampleProject } from '../project';

export function commandsSuite(kind: BackendKind): void {
  let connection: ResolvedConnection;
  let project: ExampleProject;

  before(async () => {
    connection = (await kind.setup()).connection;
    project = exampleProject();
  }, { timeout: SETUP_TIMEOUT_MS });

  const run = (action: Parameters<typeof cli>[1]) => cli(project, action, connection.env);
  const test = (name: string, body: () => Promise<void>): void => testOn(kind, name, body);

  test('upgrade to head; current, heads and history agree with the version table', async () => {
    assertOk(await run({ kind: 'upgrade', target: 'head' }), 'upgrade head');
    assert.deepEqual(await current(connection), ['0005']);
    const currentOutput = await run({ kind: 'current' });
    assertOk(currentOutput, 'current');
    assert.match(currentOutput.stdout, /^0005 \(head\)$/m);
    const heads = await run({ kind: 'heads' });
    assert.match(heads.stdout, /^0005 \(head\)$/m);
    const history = await run({ kind: 'history' });
    for (const id of ['0001', '0002', '0003', '0004', '0005']) assert.match(history.stdout, new RegExp(`\\b${id}\\b`));
  });

  test('revision with a hostile message: one argument, written intact, no shell side effect', async () => {
    const tag = randomBytes(4).toString('hex');
    const markers = ['dollar', 'backtick', 'redirect'].map((name) => path.join(os.tmpdir(), `alembic-pwned-${name}-${tag}`));
    const message = `it's "quoted"; $(touch ${markers[0]}) \`touch ${markers[1]}\` | & > ${markers[2]} done`;
    const before = new Set(fs.readdirSync(project.dir));

    const result = await run({ kind: 'revision', message });
    assertOk(result, 'revision');
    const [generated] = result.generatedFiles ?? [];
    assert.ok(generated, `a generated file is reported:\n${result.stdout}`);
    assert.equal(path.dirname(generated), project.versionsDir);
    assert.match(path.basename(generated), /^0006_it_s_quoted_/, 'migrate.py numbers it sequentially');
    const text = fs.readFileSync(generated, 'utf8');
    assert.ok(text.startsWith(`"""${message}\n`), `the docstring holds the message intact:\n${text.slice(0, 300)}`);
    assert.match(text, /^down_revision = "0005"$/m);

    for (const marker of markers) assert.equal(fs.existsSync(marker), false, `${marker} must not exist`);
    assert.deepEqual(new Set(fs.readdirSync(project.dir)), before, 'nothing else appeared in the project folder');
  });

  test('revision through Alembic\'s own CLI with the project\'s next sequential id', async () => {
    const viaAlembic = exampleProject('alembic', project.dir);
    const revId = nextRevisionId(revisionIds(project));
    assert.equal(revId, '0007');
    const message = '-starts with a dash; and "quotes"';
    const result = await cli(viaAlembic, { kind: 'revision', message, revId }, connection.env);
    assertOk(result, 'alembic revision');
    const [generated] = result.generatedFiles ?? [];
    assert.ok(generated && path.basename(generated).startsWith('0007_'), String(generated));
    const text = fs.readFileSync(generated, 'utf8');
    assert.ok(text.startsWith(`"""${message}\n`), text.slice(0, 200));
    assert.match(text, /^revision = "0007"$/m);
    assert.match(text, /^down_revision = "0006"$/m);
  });

  test('upgrade applies the new revisions; downgrade reverts one', async () => {
    assertOk(await run({ kind: 'upgrade', target: 'head' }), 'upgrade head');
    assert.deepEqual(await current(connection), ['0007']);
    const downgrade = await run({ kind: 'downgrade', target: '-1' });
    assertOk(downgrade, 'downgrade -1');
    assert.match(downgrade.stderr, /Running downgrade 0007 -> 0006/);
    assert.deepEqual(await current(connection), ['0006']);
  });

  test('stamp records a revision without running it', async () => {
    const stamp = await run({ kind: 'stamp', target: '0003' });
    assertOk(stamp, 'stamp 0003');
    assert.doesNotMatch(stamp.stderr, /Running (upgrade|downgrade)/);
    assert.deepEqual(await current(connection), ['0003']);
    assertOk(await run({ kind: 'stamp', target: '0007' }), 'stamp 0007');
    assert.deepEqual(await current(connection), ['0007']);
  });

  test('two heads are both applied, then merged into one', async () => {
    writeRevision(project, {
      id: '0008',
      down: '0006',
      message: 'add invoices',
      upgrade: ['CREATE TABLE IF NOT EXISTS invoices (id SERIAL PRIMARY KEY)'],
      downgrade: ['DROP TABLE IF EXISTS invoices'],
    });
    const heads = await run({ kind: 'heads' });
    assert.match(heads.stdout, /^0007 \(head\)$/m);
    assert.match(heads.stdout, /^0008 \(head\)$/m);
    assertOk(await run({ kind: 'upgrade', target: 'heads' }), 'upgrade heads');
    assert.deepEqual(await current(connection), ['0007', '0008'], 'one version row per head');

    const merge = await run({ kind: 'merge', message: 'merge invoices', revisions: ['0007', '0008'] });
    assertOk(merge, 'merge');
    const [generated] = merge.generatedFiles ?? [];
    assert.ok(generated && path.basename(generated).startsWith('0009_'), String(generated));
    assert.match(fs.readFileSync(generated, 'utf8'), /^down_revision = \("0007", "0008"\)$/m);

    assertOk(await run({ kind: 'upgrade', target: 'head' }), 'upgrade head after merge');
    assert.deepEqual(await current(connection), ['0009']);
    const single = await run({ kind: 'heads' });
    assert.deepEqual(single.stdout.trim().split('\n'), ['0009 (head)']);
  });

  test('offline SQL for a range prints the statements without touching the database', async () => {
    const result = await run({ kind: 'sql', range: '0004:0005' });
    assertOk(result, 'upgrade --sql 0004:0005');
    assert.match(result.stdout, /CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_orders_status_created_at/);
    assert.match(result.stdout, /UPDATE alembic_version SET version_num='0005'/);
    assert.deepEqual(await current(connection), ['0009']);
  });

  test('the version table in an explicit schema; a hostile table name is an identifier, never SQL', async () => {
    const inPublic = await readCurrentRevisions(connection.pg, { schema: 'public', table: 'alembic_version', timeoutMs: 10_000 });
    assert.deepEqual(inPublic, { ok: true, revisions: ['0009'] });
    const hostile = await readCurrentRevisions(connection.pg, { table: 'x"; DROP TABLE users; --', timeoutMs: 10_000 });
    assert.deepEqual(hostile, { ok: true, revisions: [] }, 'no such table: nothing applied');
    const elsewhere = await readCurrentRevisions(connection.pg, { schema: 'no_such_schema', timeoutMs: 10_000 });
    assert.deepEqual(elsewhere, { ok: true, revisions: [] });
    assert.deepEqual(await current(connection), ['0009']);
    const users = await readCurrentRevisions(connection.pg, { table: 'users', timeoutMs: 10_000 });
    assert.ok(!users.ok && users.kind === 'other' && /version_num/.test(users.message), 'users survived, and has no version_num column');
  });
}
