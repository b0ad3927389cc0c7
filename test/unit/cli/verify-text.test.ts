// verify's text report as a user reads it: the table, the problems with file:line, the model's disagreements,
// the summary; and the progress line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VerifyJson } from '../../../common/verify-json';
import { formatVerifyText, progressLine } from '../../../server/src/cli/verify-text';

const V = 'backend/database_migrations/versions';

const result: VerifyJson = {
  database: 'embedded',
  revisions: [
    { revision: '0001', file: `${V}/0001_create_users.py`, status: 'ok', problems: [] },
    {
      revision: '0002',
      file: `${V}/0002_create_orders.py`,
      status: 'failed',
      problems: [
        { step: 'downgrade', kind: 'leftover', object: 'column users.last_seen', message: 'the downgrade left column users.last_seen behind', line: null },
        { step: 'rerun', kind: 'failed', object: null, message: 'psycopg2.errors.DuplicateTable: relation "orders" already exists', line: 12 },
      ],
      modelDisagreements: ["tables[orders].columns[total].type: model 'integer' vs catalog 'bigint'"],
    },
    { revision: '0003', file: `${V}/0003_drop_legacy.py`, status: 'irreversible', problems: [] },
  ],
};

test('the table, the problems, the disagreements and the summary', () => {
  assert.equal(
    formatVerifyText(result, { seconds: 12.34, prepared: 0 }),
    [
      'REVISION  STATUS        PROBLEMS  FILE',
      `0001      ok            -         ${V}/0001_create_users.py`,
      `0002      FAILED        2         ${V}/0002_create_orders.py`,
      `0003      irreversible  -         ${V}/0003_drop_legacy.py`,
      '',
      'Problems:',
      `  ${V}/0002_create_orders.py: 0002 downgrade, leftover: the downgrade left column users.last_seen behind`,
      `  ${V}/0002_create_orders.py:12: 0002 rerun, fails on a re-run: psycopg2.errors.DuplicateTable: relation "orders" already exists`,
      '',
      "The static model disagrees with PostgreSQL at 0002 (a bug of alembic-lint's; trust PostgreSQL):",
      "  tables[orders].columns[total].type: model 'integer' vs catalog 'bigint'",
      '',
      '3 revisions verified on the embedded database (PGlite, a temporary folder) in 12.3 s: 1 ok, 1 failed, 1 irreversible.',
      '',
    ].join('\n'),
  );
});

test('a scratch database, revisions applied first, one revision; and nothing to verify', () => {
  const one: VerifyJson = { database: 'postgresql://ci@db:5432/app', revisions: [result.revisions[0]!] };
  assert.match(formatVerifyText(one, { seconds: 3, prepared: 4 }), /^1 revision verified after applying 4 without verifying on a scratch database on postgresql:\/\/ci@db:5432\/app in 3\.0 s: 1 ok\.$/m);
  assert.equal(formatVerifyText({ database: 'embedded', revisions: [] }, { seconds: 1, prepared: 5 }), 'Nothing to verify: every revision is at or below the one given (on the embedded database (PGlite, a temporary folder)).\n');
});

test('a multi-line message keeps its DETAIL under the problem', () => {
  const detail: VerifyJson = {
    database: 'embedded',
    revisions: [{ revision: '0001', file: 'a.py', status: 'failed', problems: [{ step: 'downgrade', kind: 'failed', object: null, message: 'psycopg2.errors.X: cannot drop\nDETAIL:  y depends on it', line: 3 }] }],
  };
  assert.match(formatVerifyText(detail, { seconds: 1, prepared: 0 }), /a\.py:3: 0001 downgrade, failed: psycopg2\.errors\.X: cannot drop\n {6}DETAIL: {2}y depends on it\n/);
});

test('the progress line: with its step on a terminal, the revision alone otherwise', () => {
  const event = { type: 'progress', index: 2, total: 5, revision: '0002', step: 'downgrade' } as const;
  assert.equal(progressLine(event, true), '[2/5] 0002: downgrade, compare with the schema before');
  assert.equal(progressLine(event, false), '[2/5] 0002');
});
