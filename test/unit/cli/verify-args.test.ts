// `alembic-lint verify`'s command line: the database, the scope, the formats; and what it refuses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCommandLine } from '../../../server/src/cli/args';
import { UsageError } from '../../../server/src/cli/errors';

test('verify PATH: the embedded database, the whole history, text', () => {
  assert.deepEqual(parseCommandLine(['verify', 'backend']), { command: 'verify', path: 'backend', database: { kind: 'embedded' }, format: 'text' });
});

test('every option of verify', () => {
  assert.deepEqual(
    parseCommandLine(['verify', 'backend', '--database-url', 'postgresql://u@db:5432/app', '--revision', '0004', '--from', '0002', '--format', 'json', '--python', '.venv/bin/python', '--progress', 'json']),
    { command: 'verify', path: 'backend', database: { kind: 'url', url: 'postgresql://u@db:5432/app' }, revision: '0004', from: '0002', format: 'json', python: '.venv/bin/python', progress: 'json' },
  );
  assert.deepEqual(parseCommandLine(['verify', '.', '--server', '--only', '0003']), { command: 'verify', path: '.', database: { kind: 'server' }, only: '0003', format: 'text' });
  assert.deepEqual(parseCommandLine(['verify', '.', '--alembic-command', '["poetry", "run", "alembic"]']), {
    command: 'verify',
    path: '.',
    database: { kind: 'embedded' },
    format: 'text',
    alembicCommand: ['poetry', 'run', 'alembic'],
  });
  assert.deepEqual(parseCommandLine(['verify', '.', '--version-table', 'schema_history', '--version-table-schema', 'meta']), {
    command: 'verify',
    path: '.',
    database: { kind: 'embedded' },
    format: 'text',
    versionTable: 'schema_history',
    versionTableSchema: 'meta',
  });
});

test('what verify refuses', () => {
  const refused = (argv: string[], message: RegExp): void => assert.throws(() => parseCommandLine(argv), (error: unknown) => error instanceof UsageError && message.test(error.message));
  refused(['verify'], /verify takes one PATH/);
  refused(['verify', 'a', 'b'], /verify takes one PATH/);
  refused(['verify', '.', '--database-url', 'postgresql://x', '--server'], /give one/);
  refused(['verify', '.', '--only', '0003', '--from', '0002'], /--only verifies one revision/);
  refused(['verify', '.', '--progress', 'text'], /--progress must be json/);
  refused(['verify', '.', '--format', 'sarif'], /--format must be one of text, json/);
  refused(['verify', '.', '--base', 'main'], /--base is not an option of verify/);
  refused(['check', '.', '--python', 'python3'], /--python is an option of verify only/);
  refused(['schema', '.', '--server'], /--server is an option of verify only/);
  refused(['verify', '.', '--alembic-command', 'poetry run alembic'], /--alembic-command expects a JSON array/);
  refused(['verify', '.', '--alembic-command', '[]'], /--alembic-command expects a JSON array/);
  refused(['verify', '.', '--alembic-command', '["alembic", 3]'], /--alembic-command expects a JSON array/);
  refused(['verify', '.', '--alembic-command', '["alembic"]', '--python', 'python3'], /--python and --alembic-command .* give one/);
});
