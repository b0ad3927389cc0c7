import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cliErrorMessage, generatedFiles, lastStartedRevision } from '../../../client/src/alembic/cli-output';

test('the exception line of a traceback, without module paths, one line', () => {
  const stderr = [
    'INFO  [alembic.runtime.migration] Will assume transactional DDL.',
    'Traceback (most recent call last):',
    '  File "/w/migrate.py", line 110, in <module>',
    '    sys.exit(main())',
    '             ^^^^^^',
    'sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server at "127.0.0.1", port 1 failed: Connection refused',
    '\tIs the server running on that host and accepting TCP/IP connections?',
    '',
    '(Background on this error at: https://sqlalche.me/e/14/e3q8)',
  ].join('\n');
  assert.equal(cliErrorMessage(stderr), 'OperationalError: connection to server at "127.0.0.1", port 1 failed: Connection refused');
});

test('an exception that is not wrapped keeps its own class name', () => {
  const stderr = 'Traceback (most recent call last):\n  File "x.py", line 1, in <module>\nModuleNotFoundError: No module named \'alembic\'\n';
  assert.equal(cliErrorMessage(stderr), "ModuleNotFoundError: No module named 'alembic'");
});

test('the double spaces of PostgreSQL FATAL messages are collapsed', () => {
  const stderr = 'Traceback (most recent call last):\n  File "x"\nsqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server at "127.0.0.1", port 5432 failed: FATAL:  password authentication failed for user "app"\n';
  assert.equal(cliErrorMessage(stderr), 'OperationalError: connection to server at "127.0.0.1", port 5432 failed: FATAL: password authentication failed for user "app"');
});

test('migrate.py, Alembic and argparse error lines', () => {
  assert.equal(cliErrorMessage("error: Can't locate revision identified by 'zzzz'\n"), "Can't locate revision identified by 'zzzz'");
  assert.equal(cliErrorMessage("  FAILED: Multiple head revisions are present for given argument 'head'\n"), "Multiple head revisions are present for given argument 'head'");
  assert.equal(
    cliErrorMessage("usage: migrate.py [-h] COMMAND ...\nmigrate.py: error: argument COMMAND: invalid choice: 'upgrad'\n"),
    "argument COMMAND: invalid choice: 'upgrad'",
  );
});

test('Alembic\'s CLI: FAILED on stdout wins over its ERROR log line on stderr; an ERROR log line alone is used too', () => {
  const stderr = "ERROR [alembic.util.messaging] Can't locate revision identified by 'zzzz'\n";
  assert.equal(cliErrorMessage(stderr, "  FAILED: Can't locate revision identified by 'zzzz'\n"), "Can't locate revision identified by 'zzzz'");
  assert.equal(cliErrorMessage(stderr), "Can't locate revision identified by 'zzzz'");
});

test('else the last line that is not a log line; nothing for empty output', () => {
  assert.equal(cliErrorMessage('INFO  [alembic] Context impl PostgresqlImpl.\nsomething broke\nINFO  [alembic] done\n'), 'something broke');
  assert.equal(cliErrorMessage('\n\n'), undefined);
});

test('the revision that was running: upgrades name the target, downgrades the revision reverted', () => {
  const upgrade = [
    'INFO  [alembic.runtime.migration] Running upgrade  -> 0001, create users',
    'INFO  [alembic.runtime.migration] Running upgrade 0001 -> 0002, create orders',
  ].join('\n');
  assert.equal(lastStartedRevision(upgrade), '0002');
  assert.equal(lastStartedRevision('INFO  [x] Running upgrade 0006, 0007 -> 0008, merge heads'), '0008');
  assert.equal(lastStartedRevision('INFO  [x] Running downgrade 0008 -> 0006, 0007, merge heads'), '0008');
  assert.equal(lastStartedRevision('INFO  [x] Running downgrade 0001 -> , create users'), '0001');
  assert.equal(lastStartedRevision('INFO  [x] Context impl PostgresqlImpl.'), undefined);
});

test('generated files of revision and merge', () => {
  const stdout = '  Generating /w/versions/0006_a.py ...  done\n  Generating C:\\w\\versions\\0007_b c.py ...  done\n';
  assert.deepEqual(generatedFiles(stdout), ['/w/versions/0006_a.py', 'C:\\w\\versions\\0007_b c.py']);
});
