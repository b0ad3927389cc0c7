import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { formatDatabaseUrl, parseDatabaseUrl, type DatabaseUrl } from '../../../client/src/database/database-url';
import { parseDotenv } from '../../../client/src/database/dotenv';
import { pgpassModeProblem, pgpassPassword, pgpassPath, readPgpass } from '../../../client/src/database/pgpass';

function url(text: string): DatabaseUrl {
  const parsed = parseDatabaseUrl(text);
  if ('problem' in parsed) assert.fail(parsed.problem);
  return parsed;
}

test('SQLAlchemy URLs: drivers, encoded credentials, IPv6, socket directories', () => {
  assert.deepEqual(url('postgresql+psycopg2://app:p%40ss%3Aw@db:6432/shop?sslmode=require'), {
    scheme: 'postgresql+psycopg2', user: 'app', password: 'p@ss:w', host: 'db', port: 6432, database: 'shop', params: [['sslmode', 'require']],
  });
  assert.deepEqual(url('postgresql+asyncpg://app@[::1]:5433/shop'), { scheme: 'postgresql+asyncpg', user: 'app', host: '::1', port: 5433, database: 'shop', params: [] });
  assert.deepEqual(url('postgres://app@/shop?host=/var/run/postgresql'), { scheme: 'postgres', user: 'app', host: '/var/run/postgresql', database: 'shop', params: [] });
  assert.deepEqual(url('postgresql://'), { scheme: 'postgresql', params: [] });
});

test('URL problems name the trouble, never the password', () => {
  for (const bad of ['mysql://root:hunter2@db/x', 'postgresql://app:hunter2@db:99999/x', 'just text hunter2', 'postgresql://app:hunter2@db/x%zz']) {
    const parsed = parseDatabaseUrl(bad);
    assert.ok('problem' in parsed, bad);
    assert.ok(!parsed.problem.includes('hunter2') || bad === 'just text hunter2', parsed.problem);
  }
});

test('formatted URLs round-trip through the parser', () => {
  const target = { scheme: 'postgresql', user: 'a b', password: 'p@ss/w:rd%', host: '::1', port: 5433, database: 'shop', params: [['sslmode', 'verify-full']] as Array<[string, string]> };
  const text = formatDatabaseUrl(target);
  assert.equal(text, 'postgresql://a%20b:p%40ss%2Fw%3Ard%25@[::1]:5433/shop?sslmode=verify-full');
  assert.deepEqual(url(text), { ...target });
});

test('.env: export, quotes, comments, escapes, multi-line values, expansion', () => {
  const text = [
    '# database',
    'export DATABASE_URL=postgresql://app@db/app  # inline comment',
    "SINGLE='lit ${HOME} # not a comment'",
    'DOUBLE="line1\\nline2 \\"q\\" ${POSTGRES_USER}"',
    'HASH=pa#ss',
    'EMPTY=',
    'MULTI="first',
    'second"',
    'POSTGRES_USER=app',
    'REF=${POSTGRES_USER}:${MISSING:-fallback}',
    'not a line',
    '  SPACED = value  ',
  ].join('\r\n');
  assert.deepEqual(parseDotenv(text, { HOME: '/home/ann' }), {
    DATABASE_URL: 'postgresql://app@db/app',
    SINGLE: 'lit ${HOME} # not a comment',
    DOUBLE: 'line1\nline2 "q" ',
    HASH: 'pa#ss',
    EMPTY: '',
    MULTI: 'first\nsecond',
    POSTGRES_USER: 'app',
    REF: 'app:fallback',
    SPACED: 'value',
  });
  assert.equal(parseDotenv('A=${B}\n', { B: 'from-env' }).A, 'from-env', 'the environment is consulted first');
});

test('.pgpass: first match wins, wildcards, escapes, localhost for the default socket', () => {
  const text = ['# host:port:db:user:password', 'db:5432:shop:app:first', 'db:*:*:app:second', '*:*:*:*:any\\:thing\\\\', 'localhost:5432:*:sock:via-socket', 'st\\*r:5432:*:*:star'].join('\n');
  assert.equal(pgpassPassword(text, { host: 'db', port: 5432, database: 'shop', user: 'app' }), 'first');
  assert.equal(pgpassPassword(text, { host: 'db', port: 6432, database: 'other', user: 'app' }), 'second');
  assert.equal(pgpassPassword(text, { host: 'x', port: 1, database: 'y', user: 'z' }), 'any:thing\\');
  assert.equal(pgpassPassword('localhost:5432:*:sock:via-socket\n', { host: '/var/run/postgresql', port: 5432, database: 'd', user: 'sock' }), 'via-socket');
  assert.equal(pgpassPassword('st\\*r:5432:*:*:star\n', { host: 'other', port: 5432, database: 'd', user: 'u' }), undefined, 'an escaped star is literal');
  assert.equal(pgpassPassword('db:5432:shop\n', { host: 'db', port: 5432, database: 'shop', user: 'app' }), undefined, 'short lines are ignored');
});

test('.pgpass location: PGPASSFILE, ~/.pgpass, %APPDATA% on Windows', () => {
  assert.equal(pgpassPath({ PGPASSFILE: '/etc/pgpass' }, '/home/ann', 'linux'), '/etc/pgpass');
  assert.equal(pgpassPath({}, '/home/ann', 'linux'), '/home/ann/.pgpass');
  assert.equal(pgpassPath({ APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'C:\\Users\\ann', 'win32'), 'C:\\Users\\ann\\AppData\\Roaming\\postgresql\\pgpass.conf');
});

test('.pgpass with group or world access is ignored with libpq\'s warning', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alembic-pgpass-'));
  try {
    const file = path.join(dir, '.pgpass');
    fs.writeFileSync(file, '*:*:*:*:pw\n', { mode: 0o600 });
    fs.chmodSync(file, 0o600);
    assert.deepEqual(readPgpass(file, 'linux'), { text: '*:*:*:*:pw\n' });
    fs.chmodSync(file, 0o644);
    const open = readPgpass(file, 'linux');
    assert.equal(open.text, undefined);
    assert.match(open.warning ?? '', /has group or world access; permissions should be u=rw \(0600\) or less/);
    assert.deepEqual(readPgpass(path.join(dir, 'absent'), 'linux'), {});
    assert.match(pgpassModeProblem(dir, fs.statSync(dir).mode, 'linux') ?? '', /not a plain file/);
    assert.equal(pgpassModeProblem(file, 0o100644, 'win32'), undefined);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
