// A failed Alembic run's output -> the message a user reads (the database's or Alembic's own words) and the line of
// the revision's file. The texts are the shapes Alembic, SQLAlchemy and psycopg2 print (traceback frames trimmed).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFailure } from '../../../server/src/core/verify/traceback';

const FILE = '/p/migrations/versions/0004_create_orders.py';
const same = (frame: string): boolean => frame === FILE;

const SQLALCHEMY = `INFO  [alembic.runtime.migration] Running upgrade 0003 -> 0004, create orders
Traceback (most recent call last):
  File "/usr/lib/python3/dist-packages/sqlalchemy/engine/base.py", line 1900, in _execute_context
    self.dialect.do_execute(
psycopg2.errors.DuplicateTable: relation "orders" already exists


The above exception was the direct cause of the following exception:

Traceback (most recent call last):
  File "/usr/lib/python3.11/runpy.py", line 198, in _run_module_as_main
    return _run_code(code, main_globals, None,
  File "${FILE}", line 15, in upgrade
    op.execute(
  File "<string>", line 8, in execute
  File "/usr/lib/python3/dist-packages/sqlalchemy/engine/default.py", line 736, in do_execute
    cursor.execute(statement, parameters)
sqlalchemy.exc.ProgrammingError: (psycopg2.errors.DuplicateTable) relation "orders" already exists

[SQL: 
        CREATE TABLE orders (id SERIAL PRIMARY KEY)
        ]
(Background on this error at: https://sqlalche.me/e/14/f405)
`;

test("SQLAlchemy's wrapping is taken off: the driver's error and PostgreSQL's message, the revision's line", () => {
  assert.deepEqual(readFailure(SQLALCHEMY, same), { message: 'psycopg2.errors.DuplicateTable: relation "orders" already exists', line: 15 });
});

test('DETAIL and HINT stay; the echoed statement, the LINE excerpt and the link go', () => {
  const output = `Traceback (most recent call last):
  File "${FILE}", line 9, in downgrade
    op.execute("DROP TABLE users")
sqlalchemy.exc.InternalError: (psycopg2.errors.DependentObjectsStillExist) cannot drop table users because other objects depend on it
DETAIL:  constraint orders_user_id_fkey on table orders depends on table users
HINT:  Use DROP ... CASCADE to drop the dependent objects too.

[SQL: DROP TABLE users]
`;
  assert.deepEqual(readFailure(output, same), {
    message: 'psycopg2.errors.DependentObjectsStillExist: cannot drop table users because other objects depend on it\nDETAIL:  constraint orders_user_id_fkey on table orders depends on table users\nHINT:  Use DROP ... CASCADE to drop the dependent objects too.',
    line: 9,
  });
});

test('a Python exception raised in the revision itself, and the innermost frame of its file', () => {
  const output = `Traceback (most recent call last):
  File "${FILE}", line 20, in downgrade
    _undo()
  File "${FILE}", line 7, in _undo
    raise RuntimeError("cannot undo the backfill")
RuntimeError: cannot undo the backfill
`;
  assert.deepEqual(readFailure(output, same), { message: 'RuntimeError: cannot undo the backfill', line: 7 });
});

test("Alembic's refusals without a traceback, from alembic and from a migrate.py; a frame elsewhere gives no line", () => {
  assert.deepEqual(readFailure('INFO  [alembic.runtime.migration] Will assume transactional DDL.\nERROR [alembic.util.messaging] Ambiguous walk\n  FAILED: Ambiguous walk\n'.replace('  FAILED', 'FAILED'), same), { message: 'Ambiguous walk', line: null });
  assert.deepEqual(readFailure("error: Can't locate revision identified by '0009'\n", same), { message: "Can't locate revision identified by '0009'", line: null });
  assert.deepEqual(readFailure('Traceback (most recent call last):\n  File "/p/migrations/env.py", line 3, in <module>\nKeyError: \'DATABASE_URL\'\n', same), { message: "KeyError: 'DATABASE_URL'", line: null });
});

test('nothing recognisable: the last line that is not a log line', () => {
  assert.deepEqual(readFailure('INFO  [alembic] x\nSegmentation fault\n\n', same), { message: 'Segmentation fault', line: null });
  assert.deepEqual(readFailure('', same), { message: 'the command failed without saying why', line: null });
});
