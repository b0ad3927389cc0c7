// Every connection source, resolved by the extension's resolver and then used twice: by pg (the version
// table reader) and by the real Alembic CLI with the resolved environment. Each source gets its own
// database, and the CLI's upgrade must show up in what pg reads: both sides reached the same database.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ResolvedConnection } from '../../client/src/database/resolve-connection';
import { matchProjects } from '../../client/src/projects/location-owners';
import { LspClient } from '../lsp/client';
import { readPgpass } from '../../client/src/database/pgpass';
import { readCurrentRevisions } from '../../client/src/database/version-table';
import { postgresForThisFile } from './harness';
import { assertOk, cli, current, exampleProject, resolved, type ExampleProject } from './project';

const postgres = postgresForThisFile();

/** The database is empty for pg; the CLI, given the resolved environment, upgrades it; pg sees the result. */
async function provesSameDatabase(connection: ResolvedConnection, project: ExampleProject, extraEnv: Record<string, string> = {}): Promise<void> {
  assert.deepEqual(await current(connection), [], 'a new database has no version table');
  const upgrade = await cli(project, { kind: 'upgrade', target: '0002' }, { ...extraEnv, ...connection.env });
  assertOk(upgrade, 'upgrade 0002');
  assert.deepEqual(await current(connection), ['0002']);
}

test('setting alembic.databaseUrl, with the password from secret storage', async () => {
  const server = await postgres();
  const db = await server.createDatabase();
  const setting = `postgresql+psycopg2://postgres@127.0.0.1:${server.port}/${db}`;
  const withoutSecret = resolved({ setting, env: {} });
  assert.equal(withoutSecret.needsPassword, true);
  const refused = await readCurrentRevisions(withoutSecret.pg, { timeoutMs: 5000 });
  assert.ok(!refused.ok && refused.kind === 'auth', 'scram-sha-256 wants the password');

  const connection = resolved({ setting, settingPassword: server.password, env: {} });
  assert.equal(connection.source, 'setting alembic.databaseUrl');
  assert.equal(connection.needsPassword, false);
  assert.equal(connection.display, `postgres@127.0.0.1:${server.port}/${db}`);
  await provesSameDatabase(connection, exampleProject());
});

test('DATABASE_URL in the environment', async () => {
  const server = await postgres();
  const db = await server.createDatabase();
  const connection = resolved({ env: { DATABASE_URL: server.url(db) } });
  assert.equal(connection.source, 'DATABASE_URL in the environment');
  assert.equal(connection.passwordSource, 'the URL');
  await provesSameDatabase(connection, exampleProject());
});

test('POSTGRES_* in the project\'s .env, read alike by the extension and by env.py', async () => {
  const server = await postgres();
  const db = await server.createDatabase();
  const project = exampleProject();
  const dotenv = [
    '# written by the test',
    'POSTGRES_USER=postgres',
    `POSTGRES_PASSWORD='${server.password}'`,
    'POSTGRES_HOST=127.0.0.1  # loopback only',
    `export POSTGRES_PORT=${server.port}`,
    `POSTGRES_DB="${db}"`,
  ].join('\n');
  fs.writeFileSync(path.join(project.dir, '.env'), dotenv);
  const connection = resolved({ env: {}, dotenvText: fs.readFileSync(path.join(project.dir, '.env'), 'utf8') });
  assert.equal(connection.source, 'POSTGRES_* in .env');
  assert.equal(connection.pg.password, server.password);
  await provesSameDatabase(connection, project);

  // Without the resolved environment, env.py reads the same .env itself and reaches the same database.
  assertOk(await cli(project, { kind: 'upgrade', target: '0003' }, {}), 'upgrade 0003 with .env only');
  assert.deepEqual(await current(connection), ['0003']);
});

/** The client reads no ini: the language server sends sqlalchemy.url with the graph, and the project takes it from there. */
async function sqlalchemyUrlFromTheServer(project: ExampleProject): Promise<string | undefined> {
  const server = LspClient.start();
  try {
    await server.initialize(project.dir);
    let graph = await server.graph();
    // The first answers come before the workspace is indexed: empty.
    for (let tries = 0; graph.locations.length === 0 && tries < 150; tries++) {
      await sleep(100);
      graph = await server.graph();
    }
    const url = matchProjects([project.iniPath], graph.locations, graph.inis).projects[0]?.sqlalchemyUrl;
    assert.ok(url, 'the graph carries the ini\'s sqlalchemy.url');
    return url;
  } finally {
    await server.shutdown();
  }
}

test('sqlalchemy.url in alembic.ini', async () => {
  const server = await postgres();
  const db = await server.createDatabase();
  const project = exampleProject();
  // configparser reads %% as %: the percent-encoded password is written with doubled percent signs.
  const url = server.url(db).replace(/%/g, '%%');
  const ini = fs.readFileSync(project.iniPath, 'utf8').replace(/^sqlalchemy\.url =.*$/m, `sqlalchemy.url = ${url}`);
  fs.writeFileSync(project.iniPath, ini);
  const connection = resolved({ env: {}, sqlalchemyUrl: await sqlalchemyUrlFromTheServer(project) });
  assert.equal(connection.source, 'sqlalchemy.url in alembic.ini');
  assert.equal(connection.pg.password, server.password);
  await provesSameDatabase(connection, project);
});

test('PG* variables with the password in .pgpass (and a .pgpass libpq would ignore)', async () => {
  const server = await postgres();
  const db = await server.createDatabase();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alembic-pgpass-'));
  try {
    const file = path.join(dir, 'pgpass');
    const escaped = server.password.replace(/[\\:]/g, (char) => `\\${char}`);
    fs.writeFileSync(file, `# test\n127.0.0.1:${server.port}:${db}:postgres:${escaped}\n`, { mode: 0o600 });
    fs.chmodSync(file, 0o600);
    const pgEnv = { PGHOST: '127.0.0.1', PGPORT: String(server.port), PGUSER: 'postgres', PGDATABASE: db, PGPASSFILE: file };

    const pgpass = readPgpass(file);
    assert.equal(pgpass.warning, undefined);
    const connection = resolved({ env: pgEnv, pgpassText: pgpass.text });
    assert.equal(connection.source, 'PG* environment variables and .pgpass');
    assert.equal(connection.pg.password, server.password);
    await provesSameDatabase(connection, exampleProject(), pgEnv);

    fs.chmodSync(file, 0o644);
    const ignored = readPgpass(file);
    assert.match(ignored.warning ?? '', /group or world access/);
    const withoutPassword = resolved({ env: pgEnv, pgpassText: ignored.text });
    const refused = await readCurrentRevisions(withoutPassword.pg, { timeoutMs: 5000 });
    assert.ok(!refused.ok && refused.kind === 'auth', 'without the ignored file there is no password');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a Unix socket directory given as ?host=, for pg and for psycopg2', async () => {
  const server = await postgres();
  const db = await server.createDatabase();
  // The cluster trusts its private socket: no password on this path.
  const connection = resolved({ env: { DATABASE_URL: `postgresql://postgres@/${db}?host=${encodeURIComponent(server.socketDir)}&port=${server.port}` } });
  assert.equal(connection.pg.host, server.socketDir);
  await provesSameDatabase(connection, exampleProject());
});
