// sslmode honoured on both sides: pg in the extension (including libpq's prefer/allow fallbacks) and
// psycopg2 in the CLI, against a server with SSL on and plain TCP refused (hostssl only).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { ResolvedConnection } from '../../client/src/database/resolve-connection';
import { closeQuietly, openClient } from '../../client/src/database/pg-connect';
import { readCurrentRevisions } from '../../client/src/database/version-table';
import { ensureSystemPackages, SETUP_TIMEOUT_MS, startPostgres, type PostgresServer } from './harness';
import { assertOk, cli, exampleProject, resolved } from './project';

const certDir = fs.mkdtempSync(path.join(os.tmpdir(), 'alembic-certs-'));
let server: PostgresServer;
let db: string;

/** A self-signed certificate for 127.0.0.1 (openssl comes with postgresql-common's ssl-cert). */
function selfSigned(name: string): { cert: string; key: string; certFile: string } {
  const certFile = path.join(certDir, `${name}.crt`);
  const keyFile = path.join(certDir, `${name}.key`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', `/CN=${name}`, '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', certFile], { stdio: 'pipe', timeout: 30_000 });
  return { cert: fs.readFileSync(certFile, 'utf8'), key: fs.readFileSync(keyFile, 'utf8'), certFile };
}

const serverCert = selfSigned('server');
const strangerCert = selfSigned('stranger');

before(async () => {
  await ensureSystemPackages();
  server = await startPostgres({ ssl: serverCert, sslOnly: true });
  db = await server.createDatabase();
}, { timeout: SETUP_TIMEOUT_MS });

after(async () => {
  await server?.stop();
  fs.rmSync(certDir, { recursive: true, force: true });
});

function connectionWith(query: string): ResolvedConnection {
  const url = `postgresql://postgres:${encodeURIComponent(server.password)}@127.0.0.1:${server.port}/${db}${query}`;
  return resolved({ env: { DATABASE_URL: url }, readFile: (file) => fs.readFileSync(file, 'utf8') });
}

/** Whether the session the extension's client opens is encrypted, as the server sees it. */
async function usesSsl(connection: ResolvedConnection): Promise<boolean> {
  const client = await openClient({ ...connection.pg, connectionTimeoutMillis: 5000 });
  try {
    const result = await client.query<{ ssl: boolean }>('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
    return result.rows[0]?.ssl === true;
  } finally {
    await closeQuietly(client);
  }
}

test('prefer (the default), allow and require connect with SSL when the server insists', async () => {
  assert.equal(await usesSsl(connectionWith('')), true, 'prefer');
  assert.equal(await usesSsl(connectionWith('?sslmode=allow')), true, 'allow: plain refused, then SSL');
  assert.equal(await usesSsl(connectionWith('?sslmode=require')), true, 'require');
});

test('disable does not use SSL, so this server refuses it', async () => {
  const read = await readCurrentRevisions(connectionWith('?sslmode=disable').pg, { timeoutMs: 5000 });
  assert.ok(!read.ok && read.kind === 'auth', JSON.stringify(read));
  assert.match(read.ok ? '' : read.message, /no pg_hba\.conf entry .*no encryption/);
});

test('verify-ca and verify-full check the certificate against sslrootcert', async () => {
  const trusted = `&sslrootcert=${encodeURIComponent(serverCert.certFile)}`;
  assert.equal(await usesSsl(connectionWith(`?sslmode=verify-ca${trusted}`)), true);
  assert.equal(await usesSsl(connectionWith(`?sslmode=verify-full${trusted}`)), true);
  for (const mode of ['verify-ca', 'verify-full']) {
    const stranger = connectionWith(`?sslmode=${mode}&sslrootcert=${encodeURIComponent(strangerCert.certFile)}`);
    const read = await readCurrentRevisions(stranger.pg, { timeoutMs: 5000 });
    assert.ok(!read.ok && read.kind === 'other', `${mode}: ${JSON.stringify(read)}`);
    assert.match(read.ok ? '' : read.message, /certificate/i);
  }
});

test('the CLI gets the same sslmode: verify-full works, disable is refused', async () => {
  const verified = connectionWith(`?sslmode=verify-full&sslrootcert=${encodeURIComponent(serverCert.certFile)}`);
  assertOk(await cli(exampleProject(), { kind: 'upgrade', target: '0001' }, verified.env), 'upgrade 0001 over verify-full');
  assert.deepEqual(await readCurrentRevisions(verified.pg, { timeoutMs: 5000 }), { ok: true, revisions: ['0001'] });
  const plain = await cli(exampleProject(), { kind: 'current' }, connectionWith('?sslmode=disable').env);
  assert.equal(plain.ok, false);
  assert.match(plain.error ?? '', /no pg_hba\.conf entry .*no encryption/);
});
