// How upgrade()/downgrade() bodies are walked: only what runs on PostgreSQL counts (dialect branches, early
// returns), Python existence checks guard what they enclose, and a COMMIT ends Alembic's transaction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Operation } from '../../../server/src/core/types';
import { inUpgrade, parse, upgradeOps, useParsers } from './helpers';
import { HANG_GUARD_MS } from '../../helpers/hang-guard';

useParsers();

function summary(ops: Operation[]): string[] {
  return ops.map((op) => {
    const label = op.kind === 'sql' ? (op.sql?.text ?? '?') : `${op.kind}:${op.name}`;
    const flags = [op.autocommit ? 'autocommit' : '', op.conditional ? 'conditional' : '', op.existenceChecked ? 'checked' : ''].filter(Boolean);
    return [label, ...flags].join(' ');
  });
}

function walked(body: string, prelude = ''): string[] {
  return summary(upgradeOps(parse(inUpgrade(body, prelude)))).filter((s) => !s.startsWith('other:get_'));
}

test('every spelling of the dialect test: only the PostgreSQL branch is read', () => {
  const tests: Array<[string, string]> = [
    ['op.get_context().dialect.name == "postgresql"', 'PG'],
    ['op.get_bind().dialect.name != "postgresql"', 'OTHER'],
    ['op.get_bind().engine.name == "mysql"', 'OTHER'],
    ['context.get_context().dialect.name in ("mysql", "sqlite")', 'OTHER'],
    ['op.get_bind().dialect.name not in ["mysql", "sqlite"]', 'PG'],
    ['"postgresql" == op.get_bind().dialect.name', 'PG'],
    ['not op.get_bind().dialect.name == "sqlite"', 'PG'],
    ['url.startswith("mysql")', 'OTHER'],
    ['context.config.get_main_option("sqlalchemy.url").startswith(("sqlite", "mysql"))', 'OTHER'],
    ['str(op.get_bind().url).startswith("postgresql")', 'PG'],
    ['op.get_bind().dialect.name == "sqlite" or op.get_bind().dialect.name == "mysql"', 'OTHER'],
  ];
  for (const [condition, taken] of tests) {
    const body = [`if ${condition}:`, '    op.execute("A")', 'else:', '    op.execute("B")'].join('\n');
    assert.deepEqual(walked(body), [taken === 'PG' ? 'A' : 'B'], condition);
  }
});

test('names bound to the dialect: bind = op.get_bind(); bind.dialect.name, dialect = ..., is_pg = ... == ...', () => {
  const body = [
    'bind = op.get_bind()',
    'if bind.dialect.name == "sqlite":',
    '    op.execute("A")',
    'dialect = bind.dialect',
    'if dialect.name == "postgresql":',
    '    op.execute("B")',
    'name = op.get_context().dialect.name',
    'is_pg = name == "postgresql"',
    'if not is_pg:',
    '    op.execute("C")',
  ].join('\n');
  assert.deepEqual(walked(body), ['B']);
});

test('elif chains: a false clause is skipped, the one true on PostgreSQL ends the chain, unknown ones stay conditional', () => {
  const body = [
    'if op.get_bind().dialect.name == "mysql":',
    '    op.execute("MYSQL")',
    'elif op.get_bind().dialect.name == "sqlite":',
    '    op.execute("SQLITE")',
    'else:',
    '    op.execute("PG")',
    'if flag:',
    '    op.execute("FLAG")',
    'elif op.get_bind().dialect.name == "postgresql":',
    '    op.execute("PG2")',
    'else:',
    '    op.execute("NEVER")',
  ].join('\n');
  assert.deepEqual(walked(body), ['PG', 'FLAG conditional', 'PG2 conditional']);
});

test('what does not depend on the dialect alone stays as it was: every branch, conditional', () => {
  const body = [
    'if op.get_bind().dialect.name == "postgres":',
    '    op.execute("A")',
    'if op.get_bind().dialect.name == "postgresql" and flag:',
    '    op.execute("B")',
    'if op.get_bind().dialect.name == other:',
    '    op.execute("C")',
    'if name == "postgresql":',
    '    op.execute("D")',
  ].join('\n');
  assert.deepEqual(walked(body), ['A conditional', 'B conditional', 'C conditional', 'D conditional']);
});

test('a dialect test nested in a loop keeps the loop conditional', () => {
  const body = ['for t in TABLES:', '    if op.get_bind().dialect.name == "postgresql":', '        op.execute("A")', '    else:', '        op.execute("B")'].join('\n');
  assert.deepEqual(walked(body), ['A conditional']);
});

test('a return at the top of the function ends it; one under a condition makes the rest conditional', () => {
  assert.deepEqual(walked(['op.execute("A")', 'return', 'op.execute("B")'].join('\n')), ['A']);
  assert.deepEqual(walked(['if flag:', '    return', 'op.execute("A")'].join('\n')), ['A conditional']);
  // Returning on other databases leaves PostgreSQL's path certain.
  assert.deepEqual(walked(['if op.get_bind().dialect.name != "postgresql":', '    return', 'op.execute("A")'].join('\n')), ['A']);
  assert.deepEqual(walked(['if op.get_bind().dialect.name == "postgresql":', '    op.execute("A")', '    return', 'op.execute("B")'].join('\n')), ['A']);
  // A nested function's return is its own.
  assert.deepEqual(walked(['def helper():', '    return 1', 'op.execute("A")'].join('\n')), ['A']);
});

test('Python existence checks guard what they enclose, and what follows a return under one', () => {
  const body = [
    'bind = op.get_bind()',
    'inspector = sa.inspect(bind)',
    'if not inspector.has_table("a"):',
    '    op.execute("A")',
    'if "ix_b" not in [i["name"] for i in inspector.get_indexes("b")]:',
    '    op.execute("B")',
    'if not op.get_bind().dialect.has_table(bind, "c"):',
    '    op.execute("C")',
    'tables = inspector.get_table_names()',
    'if "d" in tables:',
    '    pass',
    'else:',
    '    op.execute("D")',
    'exists = bind.execute(sa.text("SELECT 1 FROM pg_indexes WHERE indexname = \'ix_e\'")).scalar()',
    'if not exists:',
    '    op.execute("E")',
    'op.execute("UNGUARDED")',
    'if sa.inspect(bind).has_table("f"):',
    '    return',
    'op.execute("F")',
  ].join('\n');
  assert.deepEqual(walked(body), [
    'A conditional checked',
    'B conditional checked',
    'C conditional checked',
    'D conditional checked',
    'SELECT 1 FROM pg_indexes WHERE indexname = \'ix_e\'',
    'E conditional checked',
    'UNGUARDED',
    'F conditional checked',
  ]);
});

test('a condition that reads no catalog guards nothing', () => {
  assert.deepEqual(walked(['if flag:', '    op.execute("A")'].join('\n')), ['A conditional']);
});

test('op.execute("COMMIT") ends the transaction for what follows, until a BEGIN', () => {
  const body = ['op.execute("A")', 'op.execute("COMMIT")', 'op.execute("B")', 'op.execute("BEGIN")', 'op.execute("C")', 'op.get_bind().execute(sa.text("commit;"))', 'op.execute("D")'].join('\n');
  assert.deepEqual(walked(body), ['A', 'COMMIT', 'B autocommit', 'BEGIN autocommit', 'C', 'commit;', 'D autocommit']);
});

test('a COMMIT in another dialect\'s branch ends nothing', () => {
  const body = ['if op.get_bind().dialect.name == "mysql":', '    op.execute("COMMIT")', 'op.execute("A")'].join('\n');
  assert.deepEqual(walked(body), ['A']);
});

test('helper calls in another dialect\'s branch or after a return are not counted', () => {
  const file = parse(inUpgrade(['if op.get_bind().dialect.name == "sqlite":', '    rebuild_sqlite()', 'else:', '    refresh()', 'return', 'never()'].join('\n')));
  assert.deepEqual(file.upgrade?.helperCalls, ['refresh']);
});

test('names that refer to many names cost each name once: the check is read in bounded work', { timeout: HANG_GUARD_MS }, () => {
  // Without following each name once, this is 30^8 expansions.
  const lines = ['n0 = flag'];
  for (let i = 1; i <= 8; i++) lines.push(`n${i} = [${Array.from({ length: 30 }, () => `n${i - 1}`).join(', ')}]`);
  lines.push('if n8:', '    op.execute("A")', 'x = inspector.get_table_names()', 'y = [n8, x]', 'if "t" not in y:', '    op.execute("B")');
  assert.deepEqual(walked(lines.join('\n')), ['A conditional', 'B conditional checked']);
});
