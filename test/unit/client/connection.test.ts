import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as path from 'node:path';
import { findScriptLocations } from '../../../server/src/core/graph/locations';
import { resolveConnection, type ConnectionSources, type ResolvedConnection } from '../../../client/src/database/resolve-connection';
import { MemoryFileSystem } from '../graph/memory-fs';

function resolved(sources: ConnectionSources): ResolvedConnection {
  const result = resolveConnection(sources);
  if ('problem' in result) assert.fail(result.problem);
  return result;
}

function problem(sources: ConnectionSources): string {
  const result = resolveConnection(sources);
  if (!('problem' in result)) assert.fail(`expected a problem, got ${result.source}`);
  return result.problem;
}

/** The fields a user sees and the CLI receives. */
function summary(connection: ResolvedConnection): Record<string, unknown> {
  return {
    source: connection.source,
    display: connection.display,
    password: connection.pg.password,
    passwordSource: connection.passwordSource,
    url: connection.env.DATABASE_URL,
  };
}

const INI = (url: string): string => `[alembic]\nscript_location = %(here)s/migrations\nsqlalchemy.url = ${url}\n`;

/** sqlalchemy.url as the server reads it from the ini and sends it with the graph (the client parses no ini). */
function iniUrl(text: string, iniPath = '/w/backend/alembic.ini'): string | undefined {
  const dir = path.dirname(iniPath);
  const fs = new MemoryFileSystem({ [iniPath]: text, [`${dir}/migrations/versions/a.py`]: 'revision = "a"\ndown_revision = None\n' });
  const [location] = findScriptLocations([dir], fs);
  assert.equal(location?.alembicIni, iniPath);
  return location?.sqlalchemyUrl;
}

test('the setting comes first; its password comes from secret storage', () => {
  const connection = resolved({
    setting: 'postgresql+psycopg2://app@db.internal:6432/shop?sslmode=require',
    settingPassword: 's3cret',
    env: { DATABASE_URL: 'postgresql://other:pw@elsewhere/other' },
    sqlalchemyUrl: iniUrl(INI('postgresql://ini@inihost/ini')),
  });
  assert.equal(connection.source, 'setting alembic.databaseUrl');
  assert.equal(connection.display, 'app@db.internal:6432/shop');
  assert.equal(connection.passwordSource, 'secret storage');
  assert.equal(connection.needsPassword, false);
  assert.equal(connection.sslmode, 'require');
  assert.deepEqual(
    { host: connection.pg.host, port: connection.pg.port, user: connection.pg.user, database: connection.pg.database, password: connection.pg.password },
    { host: 'db.internal', port: 6432, user: 'app', database: 'shop', password: 's3cret' },
  );
  assert.equal(connection.env.DATABASE_URL, 'postgresql+psycopg2://app:s3cret@db.internal:6432/shop?sslmode=require');
  assert.equal(connection.env.POSTGRES_PASSWORD, 's3cret');
  assert.equal(connection.env.POSTGRES_HOST, 'db.internal');
  assert.equal(connection.env.POSTGRES_PORT, '6432');
});

test('a setting without a secret needs a password', () => {
  const connection = resolved({ setting: 'postgresql://app@db/shop', env: {} });
  assert.equal(connection.needsPassword, true);
  assert.equal(connection.pg.password, '');
  assert.equal(connection.env.POSTGRES_PASSWORD, undefined);
  assert.equal(connection.env.DATABASE_URL, 'postgresql://app@db:5432/shop');
});

test('a setting with a password in it is refused, and the message does not repeat the password', () => {
  const message = problem({ setting: 'postgresql://app:hunter2@db/shop', settingPassword: 'x', env: {} });
  assert.match(message, /alembic\.databaseUrl contains a password/);
  assert.match(message, /Remove the password/);
  assert.ok(!message.includes('hunter2'), message);
  assert.match(message, /postgresql:\/\/app:\*\*\*@db\/shop/);
  assert.ok(!problem({ setting: 'postgresql://app@db/shop?password=hunter2', env: {} }).includes('hunter2'));
});

test('DATABASE_URL from the environment wins over .env and over POSTGRES_*', () => {
  const connection = resolved({
    env: { DATABASE_URL: 'postgres://envuser:envpw@envhost:5433/envdb', POSTGRES_HOST: 'ignored' },
    dotenvText: 'DATABASE_URL=postgresql://fileuser:filepw@filehost/filedb\n',
  });
  assert.deepEqual(summary(connection), {
    source: 'DATABASE_URL in the environment',
    display: 'envuser@envhost:5433/envdb',
    password: 'envpw',
    passwordSource: 'the URL',
    url: 'postgres://envuser:envpw@envhost:5433/envdb',
  });
});

test('DATABASE_URL in .env wins over POSTGRES_* in the environment', () => {
  const connection = resolved({
    env: { POSTGRES_HOST: 'envhost' },
    dotenvText: 'export DATABASE_URL="postgresql+asyncpg://fileuser:p%40ss@filehost/filedb"  # the app\'s database\n',
  });
  assert.equal(connection.source, 'DATABASE_URL in .env');
  assert.equal(connection.pg.password, 'p@ss');
  // The driver is kept: an async env.py needs its asyncpg URL.
  assert.equal(connection.env.DATABASE_URL, 'postgresql+asyncpg://fileuser:p%40ss@filehost:5432/filedb');
});

test('POSTGRES_* from the environment and .env, the environment winning per variable, env.py defaults for the rest', () => {
  const connection = resolved({
    env: { POSTGRES_PASSWORD: 'from-env' },
    dotenvText: 'POSTGRES_USER=app\nPOSTGRES_PASSWORD=from-file\nPOSTGRES_PORT=6543\n',
  });
  assert.deepEqual(summary(connection), {
    source: 'POSTGRES_* in the environment and .env',
    display: 'app@localhost:6543/postgres',
    password: 'from-env',
    passwordSource: 'POSTGRES_PASSWORD',
    url: 'postgresql://app:from-env@localhost:6543/postgres',
  });
  assert.equal(connection.env.POSTGRES_DB, 'postgres');
});

test('POSTGRES_* with a bad port is a problem', () => {
  assert.match(problem({ env: {}, dotenvText: 'POSTGRES_PORT=fivefour\n' }), /POSTGRES_PORT in \.env is not a port/);
});

test('sqlalchemy.url in alembic.ini, with %(here)s interpolation; the init placeholder does not count', () => {
  const connection = resolved({ env: {}, sqlalchemyUrl: iniUrl(INI('postgresql://ini:pw@inihost/ini?sslmode=disable&application_name=%(here)s'), '/w/backend/alembic.ini') });
  assert.equal(connection.source, 'sqlalchemy.url in alembic.ini');
  assert.equal(connection.sslmode, 'disable');
  assert.equal(connection.pg.ssl, false);
  assert.equal(connection.env.DATABASE_URL, 'postgresql://ini:pw@inihost:5432/ini?sslmode=disable&application_name=%2Fw%2Fbackend');

  const placeholder = resolveConnection({ env: {}, sqlalchemyUrl: iniUrl(INI('driver://user:pass@localhost/dbname')) });
  assert.ok('problem' in placeholder && placeholder.notConfigured, 'the placeholder URL is no configuration');
  const empty = resolveConnection({ env: {}, sqlalchemyUrl: iniUrl(INI('')) });
  assert.ok('problem' in empty && empty.notConfigured);
});

test('PG* variables, with the password from .pgpass', () => {
  const connection = resolved({
    env: { PGHOST: 'pghost', PGPORT: '5439', PGUSER: 'pguser', PGDATABASE: 'pgdb', USER: 'me' },
    pgpassText: '# comment\nother:*:*:*:wrong\npghost:5439:pgdb:pguser:from\\:pgpass\n',
  });
  assert.deepEqual(summary(connection), {
    source: 'PG* environment variables and .pgpass',
    display: 'pguser@pghost:5439/pgdb',
    password: 'from:pgpass',
    passwordSource: '.pgpass',
    url: 'postgresql://pguser:from%3Apgpass@pghost:5439/pgdb',
  });
});

test('PG* defaults: the database is the user, the user is the login name', () => {
  const connection = resolved({ env: { PGHOST: '/var/run/postgresql', USER: 'me' } });
  assert.equal(connection.display, 'me@/var/run/postgresql:5432/me');
  assert.equal(connection.source, 'PG* environment variables');
  // A socket directory travels to the CLI as ?host=.
  assert.equal(connection.env.DATABASE_URL, 'postgresql://me@/me?host=%2Fvar%2Frun%2Fpostgresql&port=5432');
});

test('a URL without a password takes PGPASSWORD, then .pgpass, as libpq does for the CLI', () => {
  const withVariable = resolved({ env: { DATABASE_URL: 'postgresql://app@db/shop', PGPASSWORD: 'from-variable' }, pgpassText: '*:*:*:*:from-file\n' });
  assert.equal(withVariable.pg.password, 'from-variable');
  assert.equal(withVariable.passwordSource, 'PGPASSWORD');
  const withFile = resolved({ env: { DATABASE_URL: 'postgresql://app@db/shop' }, pgpassText: 'db:5432:shop:app:from-file\n' });
  assert.equal(withFile.pg.password, 'from-file');
  assert.equal(withFile.env.DATABASE_URL, 'postgresql://app:from-file@db:5432/shop');
  const setting = resolved({ setting: 'postgresql://app@db/shop', env: {}, pgpassText: 'db:5432:shop:app:from-file\n' });
  assert.equal(setting.needsPassword, false, 'a .pgpass entry answers the setting too');
});

test('missing URL parts fall back to PG* variables', () => {
  const connection = resolved({ env: { DATABASE_URL: 'postgresql:///shop', PGHOST: 'pghost', PGUSER: 'pguser', PGPORT: '5440' } });
  assert.equal(connection.display, 'pguser@pghost:5440/shop');
});

test('nothing configured says so and says what to set', () => {
  const result = resolveConnection({ env: { PATH: '/usr/bin', PGSSLMODE: 'require' } });
  assert.ok('problem' in result);
  assert.equal(result.notConfigured, true);
  assert.match(result.problem, /alembic\.databaseUrl.*DATABASE_URL.*POSTGRES_\*.*sqlalchemy\.url.*PG\*/);
});

test('a source that is not PostgreSQL is a problem naming the source, without the password', () => {
  const message = problem({ env: { DATABASE_URL: 'mysql://root:hunter2@db/x' } });
  assert.match(message, /^DATABASE_URL in the environment: .*not a PostgreSQL URL/);
  assert.ok(!message.includes('hunter2'));
});
