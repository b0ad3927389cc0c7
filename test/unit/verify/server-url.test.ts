// --server: the server the project's usual sources name, resolved as the extension resolves them; and what the
// project's CLI is given for the scratch database (both variable families, the password in the environment only).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { databaseEnv } from '../../../server/src/host/verify/run-verify';
import { CannotRunError } from '../../../server/src/host/verify/errors';
import { redact, withoutPassword } from '../../../server/src/host/verify/scratch';
import { serverUrlFromProject } from '../../../server/src/host/verify/server-url';

function project(dotenv?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alembic-server-url-'));
  if (dotenv !== undefined) fs.writeFileSync(path.join(dir, '.env'), dotenv);
  return dir;
}

test('DATABASE_URL from the environment wins over the .env; POSTGRES_* from the .env with env.py\'s defaults', (t) => {
  const dir = project('POSTGRES_HOST=db.internal\nPOSTGRES_PASSWORD=s3cret\n');
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  assert.equal(serverUrlFromProject(dir, { DATABASE_URL: 'postgresql://ci:pw@localhost:5433/app' }), 'postgresql://ci:pw@localhost:5433/app');
  assert.equal(serverUrlFromProject(dir, {}), 'postgresql://postgres:s3cret@db.internal:5432/postgres');
});

test('nothing names a server: refused with what to set', (t) => {
  const dir = project();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  assert.throws(() => serverUrlFromProject(dir, { PGHOST: 'elsewhere' }), (error: unknown) => error instanceof CannotRunError && /neither DATABASE_URL nor POSTGRES_\* is set/.test(error.message));
});

test('the scratch database for the project\'s env.py: DATABASE_URL and POSTGRES_*, passwords decoded', () => {
  assert.deepEqual(databaseEnv('postgresql://u%40x:p%40%3A%2F@127.0.0.1:5555/alembic_lint_verify_ab'), {
    DATABASE_URL: 'postgresql://u%40x:p%40%3A%2F@127.0.0.1:5555/alembic_lint_verify_ab',
    POSTGRES_USER: 'u@x',
    POSTGRES_PASSWORD: 'p@:/',
    POSTGRES_HOST: '127.0.0.1',
    POSTGRES_PORT: '5555',
    POSTGRES_DB: 'alembic_lint_verify_ab',
  });
});

test('what is shown: the URL without its password, messages without it', () => {
  assert.equal(withoutPassword('postgresql://ci:p%40ss@db:5432/app?sslmode=require'), 'postgresql://ci@db:5432/app?sslmode=require');
  assert.equal(redact('connection to p@ss failed (p%40ss)', ['p@ss', 'p%40ss']), 'connection to *** failed (***)');
});
