// The editor's half of verify, its pure parts: the CLI's arguments and environment per mode, the progress lines,
// VerifyJson -> diagnostics (lines, fallbacks, codes, severities), the summary, the Migrations view's badges and
// their lifetime.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VerifyJson, VerifyProblemJson } from '../../../common/verify-json';
import { functionDefLine } from '../../../client/src/alembic/revision-lines';
import { finishedMessage } from '../../../client/src/commands/finished-message';
import { problemDiagnostic, verifiedFiles } from '../../../client/src/verify/verify-diagnostics';
import { verifyInvocation, type VerifyInvocationInput } from '../../../client/src/verify/verify-invocation';
import { parseProgressLine, progressFraction, progressMessage, StderrLines } from '../../../client/src/verify/verify-progress';
import { VerifyResults } from '../../../client/src/verify/verify-results';
import { verifyScopeChoices } from '../../../client/src/verify/verify-scope';
import { countsSentence, summaryLines, verifyCounts } from '../../../client/src/verify/verify-summary';
import { buildMigrationTree } from '../../../client/src/views/migrations-tree-model';
import { linear, LOC } from './tree-model-fixtures';

const PASSWORD = 'S3cr3t!pw';
const input: VerifyInvocationInput = {
  cliPath: '/ext/dist/cli.js',
  runtime: '/usr/bin/node',
  projectDir: '/w/backend',
  cwd: '/w',
  runs: { python: '/w/.venv/bin/python' },
  scope: { kind: 'all' },
  database: 'embedded',
  baseEnv: { PATH: '/usr/bin', HOME: '/root', DATABASE_URL: `postgresql://app:${PASSWORD}@prod/app`, PGPASSWORD: PASSWORD, POSTGRES_HOST: 'prod', PGHOSTADDR: '10.0.0.1', PYTHONPATH: '/x' },
};

test('the CLI runs under the extension host\'s runtime, with its arguments as an array, per scope', () => {
  const { command, env } = verifyInvocation(input);
  assert.equal(command.file, '/usr/bin/node');
  assert.equal(command.cwd, '/w');
  assert.deepEqual(command.args, ['/ext/dist/cli.js', 'verify', '/w/backend', '--format', 'json', '--progress', 'json', '--python', '/w/.venv/bin/python']);
  assert.equal(env['ELECTRON_RUN_AS_NODE'], '1', 'desktop VS Code\'s execPath is Electron');
  assert.deepEqual(verifyInvocation({ ...input, scope: { kind: 'from', revision: '0003' } }).command.args.slice(-2), ['--from', '0003']);
  assert.deepEqual(verifyInvocation({ ...input, scope: { kind: 'only', revision: '0004' } }).command.args.slice(-2), ['--only', '0004']);
  const poetry = verifyInvocation({ ...input, runs: { alembicCommand: ['poetry', 'run', 'alembic'] } }).command.args;
  assert.deepEqual(poetry.slice(3), ['--format', 'json', '--progress', 'json', '--alembic-command', '["poetry","run","alembic"]'], 'alembic.command as one JSON argument, no --python');
  assert.deepEqual(verifyInvocation({ ...input, versionTable: { name: 'alembic_version', schema: '' } }).command.args, command.args, 'the defaults add nothing');
  assert.deepEqual(verifyInvocation({ ...input, versionTable: { name: 'schema_history', schema: 'meta' } }).command.args.slice(-4), ['--version-table', 'schema_history', '--version-table-schema', 'meta']);
});

test('embedded: the child gets no variable that reaches a server; scratch: the connection only through the environment', () => {
  const embedded = verifyInvocation(input).env;
  assert.deepEqual(Object.keys(embedded).sort(), ['ELECTRON_RUN_AS_NODE', 'HOME', 'PATH', 'PYTHONPATH']);
  const connectionEnv = { DATABASE_URL: `postgresql://app:${PASSWORD}@db:5432/app`, POSTGRES_PASSWORD: PASSWORD, POSTGRES_HOST: 'db' };
  const scratch = verifyInvocation({ ...input, database: 'scratch', connectionEnv, scope: { kind: 'only', revision: '0002' } });
  assert.equal(scratch.command.args.at(-1), '--server');
  assert.ok(scratch.command.args.every((arg) => !arg.includes(PASSWORD) && !arg.includes('db:5432')), scratch.command.args.join(' '));
  assert.equal(scratch.env['DATABASE_URL'], connectionEnv.DATABASE_URL);
  assert.equal(scratch.env['POSTGRES_HOST'], 'db', 'the connection wins over the host\'s own environment');
  assert.throws(() => verifyInvocation({ ...input, database: 'scratch' }), /connected server/);
});

test('progress lines are read across chunk boundaries; other lines are kept as messages', () => {
  const lines = new StderrLines();
  const first = '{"type":"progress","index":2,"total":5,"revision":"0003","step":"downgrade"}';
  assert.deepEqual(lines.push(first.slice(0, 20)), []);
  const events = lines.push(`${first.slice(20)}\nerror: psycopg2 is not installed\n{"type":"other"}\n\n{"type":"progress","index":3`);
  assert.deepEqual(events, [
    { kind: 'progress', progress: { type: 'progress', index: 2, total: 5, revision: '0003', step: 'downgrade' } },
    { kind: 'message', text: 'error: psycopg2 is not installed' },
    { kind: 'message', text: '{"type":"other"}' },
  ]);
  assert.deepEqual(lines.end(), [{ kind: 'message', text: '{"type":"progress","index":3' }], 'a cut last line is a message, not lost');
  assert.equal(parseProgressLine('{"type":"progress","index":1,"total":1,"revision":"a","step":"sideways"}'), undefined);
  assert.equal(parseProgressLine('{"type":"progress","index":-1,"total":1,"revision":"a","step":"rerun"}'), undefined);
});

test('the progress notification says which revision, which of how many, which step, and how far', () => {
  const step = { type: 'progress', index: 2, total: 5, revision: '0003', step: 'downgrade' } as const;
  assert.equal(progressMessage(step), 'Verifying 0003 (2 of 5): downgrade');
  assert.equal(progressFraction({ ...step, index: 1, step: 'upgrade' }), 0);
  assert.equal(progressFraction(step), 5 / 20);
  assert.equal(progressFraction({ ...step, index: 5, step: 'rerun' }), 19 / 20);
});

const FILE = [
  '"""add status"""', // 1
  'from alembic import op', // 2
  'revision = "0003"', // 3
  'down_revision = "0002"', // 4
  '', // 5
  'def upgrade() -> None:', // 6
  '    op.execute("ALTER TABLE orders ADD COLUMN status text")', // 7
  '', // 8
  'def downgrade() -> None:', // 9
  '    op.execute("ALTER TABLE orders DROP COLUMN IF EXISTS statsu")', // 10
].join('\n');

const problem = (over: Partial<VerifyProblemJson>): VerifyProblemJson => ({ step: 'rerun', kind: 'failed', object: null, message: 'boom', line: null, ...over });

test('a problem with a line is shown on that statement, from its first character', () => {
  const d = problemDiagnostic(problem({ line: 7, message: 'column "status" of relation "orders" already exists' }), FILE);
  assert.deepEqual([d.line, d.startCharacter, d.endCharacter], [6, 4, FILE.split('\n')[6]?.length]);
  assert.equal(d.code, 'verify-rerun');
  assert.equal(d.severity, 'error');
  assert.equal(d.href, 'https://github.com/alembic-tools/alembic-migrations/blob/main/docs/verify.md#verify-rerun');
  assert.match(d.message, /re-run .*already exists/);
});

test('without a line: a downgrade problem at def downgrade, the others at def upgrade; without the file, line 1', () => {
  assert.equal(problemDiagnostic(problem({ step: 'downgrade', kind: 'leftover', object: 'column orders.status', message: 'left behind' }), FILE).line, 8);
  for (const step of ['upgrade', 'reupgrade', 'rerun'] as const) assert.equal(problemDiagnostic(problem({ step }), FILE).line, 5, step);
  assert.equal(problemDiagnostic(problem({ line: 99 }), FILE).line, 5, 'a line past the end falls back too');
  assert.equal(problemDiagnostic(problem({ step: 'downgrade' }), undefined).line, 0);
  assert.equal(problemDiagnostic(problem({ line: 4 }), undefined).line, 3, 'the CLI\'s line is kept when the file cannot be read');
  assert.equal(functionDefLine('async def upgrade():\n', 'upgrade'), 0);
  assert.equal(functionDefLine('def upgrade_engine():\n    def upgrade(x):\n', 'upgrade'), undefined, 'only the module-level function');
});

test('codes and severities: errors for what breaks a deploy or a rollback, a warning for a changed object', () => {
  const at = (p: Partial<VerifyProblemJson>): string => {
    const d = problemDiagnostic(problem(p), FILE);
    return `${d.code} ${d.severity}`;
  };
  assert.equal(at({ step: 'upgrade', kind: 'failed' }), 'verify-failed error');
  assert.equal(at({ step: 'reupgrade', kind: 'failed' }), 'verify-failed error');
  assert.equal(at({ step: 'rerun', kind: 'failed' }), 'verify-rerun error');
  assert.equal(at({ step: 'downgrade', kind: 'leftover' }), 'verify-leftover error');
  assert.equal(at({ step: 'downgrade', kind: 'missing' }), 'verify-missing error');
  assert.equal(at({ step: 'downgrade', kind: 'changed' }), 'verify-changed warning');
  const named = problemDiagnostic(problem({ step: 'downgrade', kind: 'leftover', object: 'column orders.status', message: 'the downgrade left it behind' }), FILE);
  assert.match(named.message, /left it behind \(column orders\.status\)$/, 'the object is named when the message does not');
});

const json: VerifyJson = {
  database: 'embedded',
  revisions: [
    { revision: '0001', file: 'backend/versions/0001_a.py', status: 'ok', problems: [] },
    { revision: '0002', file: 'backend/versions/0002_b.py', status: 'irreversible', problems: [] },
    { revision: '0003', file: 'backend/versions/0003_c.py', status: 'failed', problems: [problem({ line: 7, message: 'already exists' })], modelDisagreements: ['column orders.status: the model says text, PostgreSQL character varying(20)'] },
  ],
};

test('each revision file gets its diagnostics, resolved against the CLI\'s working directory; read only when it has problems', () => {
  const read: string[] = [];
  const files = verifiedFiles(json, '/w', (file) => {
    read.push(file);
    return FILE;
  });
  assert.deepEqual(files.map((f) => [f.file, f.revision, f.status, f.diagnostics.length]), [
    ['/w/backend/versions/0001_a.py', '0001', 'ok', 0],
    ['/w/backend/versions/0002_b.py', '0002', 'irreversible', 0],
    ['/w/backend/versions/0003_c.py', '0003', 'failed', 1],
  ]);
  assert.deepEqual(read, ['/w/backend/versions/0003_c.py']);
});

test('the summary: a line per revision with its problems, the model\'s disagreements, the counts and the time', () => {
  const lines = summaryLines(json, 12.34, (id) => `${id} (title)`);
  assert.match(lines[0] ?? '', /^✓ 0001 \(title\)  ok/);
  assert.match(lines[1] ?? '', /^↯ 0002 \(title\)  irreversible \(its downgrade raises on purpose: not a problem\)/);
  assert.match(lines[2] ?? '', /^✗ 0003 \(title\)  failed  \(backend\/versions\/0003_c\.py\)$/);
  assert.match(lines[3] ?? '', /already exists \[line 7\]$/);
  assert.match(lines[4] ?? '', /The static model disagrees with PostgreSQL at 0003: column orders\.status/);
  assert.equal(lines.at(-1), 'Verified 3 migrations: 1 ok, 1 failed, 1 irreversible, on the embedded database, in 12.3 s.');
  assert.match(summaryLines({ ...json, database: 'postgresql://app@db:5432/app' }, 1, String).at(-1) ?? '', /on a scratch database on postgresql:\/\/app@db:5432\/app/);
});

test('the finished sentence: "Verified 5 migrations: 4 ok, 1 failed"; a problem makes a revision failed whatever its status', () => {
  assert.equal(countsSentence({ total: 5, ok: 4, failed: 1, irreversible: 0 }), 'Verified 5 migrations: 4 ok, 1 failed');
  assert.equal(countsSentence({ total: 1, ok: 1, failed: 0, irreversible: 0 }, 'backend'), 'Verified 1 migration of backend: all ok');
  assert.equal(finishedMessage({ kind: 'verify', project: 'backend', counts: { total: 5, ok: 5, failed: 0, irreversible: 0 } }), '$(check) Alembic: verified 5 migrations of backend: all ok');
  const okWithProblem: VerifyJson = { database: 'embedded', revisions: [{ revision: 'a', file: 'a.py', status: 'ok', problems: [problem({ kind: 'changed', step: 'downgrade' })] }] };
  assert.deepEqual(verifyCounts(okWithProblem), { total: 1, ok: 0, failed: 1, irreversible: 0 });
});

test('badges: ✓ or ✗ leads the description with the verdict in the tooltip, until the file is forgotten', () => {
  const loc = linear(3);
  const file = (id: string): string => `${LOC}/versions/${id}_step.py`;
  const results = new VerifyResults();
  results.record(new Map([
    [file('0001'), { revision: '0001', status: 'ok', errors: 0, warnings: 0 }],
    [file('0002'), { revision: '0002', status: 'failed', errors: 2, warnings: 1 }],
    [file('0003'), { revision: '0003', status: 'irreversible', errors: 0, warnings: 0 }],
  ]));
  const rows = (): Map<string | undefined, { description: string; tooltip: string }> => new Map(buildMigrationTree(loc, ['0002'], (f) => results.get(f)).map((n) => [n.revision, n]));
  assert.match(rows().get('0001')?.description ?? '', /^✓ · 0001 · /);
  assert.match(rows().get('0001')?.tooltip ?? '', /Verified: ok/);
  assert.match(rows().get('0002')?.description ?? '', /^✗ · 0002 · /);
  assert.match(rows().get('0002')?.tooltip ?? '', /Verified: failed, 2 errors, 1 warning/);
  assert.match(rows().get('0003')?.tooltip ?? '', /irreversible/);
  // An edit of 0002 drops its badge; the others stay. A new verify of 0001 replaces its result.
  assert.equal(results.forget(file('0002')), true);
  assert.equal(results.forget(file('0002')), false, 'nothing left to drop');
  assert.match(rows().get('0002')?.description ?? '', /^0002 · /);
  results.record(new Map([[file('0001'), { revision: '0001', status: 'failed', errors: 1, warnings: 0 }]]));
  assert.match(rows().get('0001')?.description ?? '', /^✗ /);
  assert.match(rows().get('0003')?.description ?? '', /^✓ /);
  assert.deepEqual(buildMigrationTree(loc, undefined).map((n) => n.description.startsWith('✓') || n.description.startsWith('✗')), [false, false, false], 'never verified: no badge');
});

test('Verify Migrations asks only when a database is connected at one revision with something pending', () => {
  const loc = linear(5);
  const title = (id: string): string => `${id} (t)`;
  const choices = verifyScopeChoices([loc], ['0003'], title);
  assert.deepEqual(choices?.map((c) => [c.label, c.scope]), [
    ['Pending migrations (2)', { kind: 'from', revision: '0003' }],
    ['The whole history', { kind: 'all' }],
  ]);
  assert.match(choices?.[0]?.description ?? '', /after 0003 \(t\)/);
  assert.equal(verifyScopeChoices([loc], undefined, title), undefined, 'not connected');
  assert.equal(verifyScopeChoices([loc], ['0005'], title), undefined, 'up to date');
  assert.equal(verifyScopeChoices([loc], [], title), undefined, 'an empty database: everything is pending anyway');
  assert.equal(verifyScopeChoices([loc], ['0002', '0004'], title), undefined, 'several revisions: no single one to start from');
});
