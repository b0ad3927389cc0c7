// The embedded database's password check (embedded-auth.ts) in front of a stand-in for pglite-socket, and the
// per-workspace password file (embedded-password.ts).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import { Client } from 'pg';
import { protocolMessage, startAuthGate } from '../../../server/src/host/embedded/embedded-auth';
import { embeddedPassword, passwordFile } from '../../../server/src/host/embedded/embedded-password';

function tempDir(t: TestContext): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-auth-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** pglite-socket's stand-in: records the first bytes of each connection and answers a startup message with AuthenticationOk + ReadyForQuery. */
async function upstream(t: TestContext): Promise<{ path: string; firstBytes: Buffer[] }> {
  const socketPath = path.join(tempDir(t), 's');
  const firstBytes: Buffer[] = [];
  const server = net.createServer((socket) => {
    socket.once('data', (chunk) => {
      firstBytes.push(chunk);
      socket.write(Buffer.concat([authenticationRequestOk(), protocolMessage('Z', Buffer.from('I'))]));
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { path: socketPath, firstBytes };
}

function authenticationRequestOk(): Buffer {
  return protocolMessage('R', Buffer.from([0, 0, 0, 0]));
}

async function gate(t: TestContext, upstreamPath: string) {
  const started = await startAuthGate({ host: '127.0.0.1', port: 0, password: 'right-password', upstream: upstreamPath });
  t.after(() => started.close());
  return started;
}

const client = (port: number, password: string) => new Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', password, connectionTimeoutMillis: 5000 });

test('the right password is joined to the database, starting with the client\'s own startup message', async (t) => {
  const up = await upstream(t);
  const { port } = await gate(t, up.path);
  const ok = client(port, 'right-password');
  await ok.connect();
  await ok.end().catch(() => undefined);
  assert.equal(up.firstBytes.length, 1);
  const startup = up.firstBytes[0] ?? Buffer.alloc(8);
  assert.equal(startup.readInt32BE(4), 196608, 'the startup message, protocol 3.0');
  assert.match(startup.toString('utf8'), /user\0postgres\0/);
  assert.ok(!startup.toString('utf8').includes('right-password'));
});

test('a wrong or missing password is refused before anything reaches the database', async (t) => {
  const up = await upstream(t);
  const { port } = await gate(t, up.path);
  await assert.rejects(client(port, 'wrong').connect(), (error: { code?: string; message: string }) => error.code === '28P01' && /password authentication failed for user "postgres"/.test(error.message));
  await assert.rejects(client(port, '').connect());
  assert.equal(up.firstBytes.length, 0);
});

test('raw clients: a query without a startup, an oversized startup and a cancel request are dropped', async (t) => {
  const up = await upstream(t);
  const { port } = await gate(t, up.path);
  const closedAfter = (bytes: Buffer) =>
    new Promise<string>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write(bytes));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(answer));
    });
  const query = Buffer.concat([Buffer.from('Q'), Buffer.from([0, 0, 0, 13]), Buffer.from('SELECT 1\0')]);
  assert.equal(await closedAfter(query), '');
  const huge = Buffer.alloc(8);
  huge.writeInt32BE(1_000_000, 0);
  assert.equal(await closedAfter(huge), '');
  const cancel = Buffer.alloc(16);
  cancel.writeInt32BE(16, 0);
  cancel.writeInt32BE(80877102, 4);
  assert.equal(await closedAfter(cancel), '');
  assert.equal(up.firstBytes.length, 0);
});

test('the password is generated once per workspace, owner-only, and repaired when edited or opened up', (t) => {
  const folder = tempDir(t);
  const first = embeddedPassword(folder);
  assert.match(first, /^[0-9a-f]{32}$/);
  assert.equal(embeddedPassword(folder), first);
  if (process.platform !== 'win32') {
    assert.equal(fs.statSync(passwordFile(folder)).mode & 0o777, 0o600);
    fs.chmodSync(passwordFile(folder), 0o644);
    assert.equal(embeddedPassword(folder), first);
    assert.equal(fs.statSync(passwordFile(folder)).mode & 0o777, 0o600);
  }
  fs.writeFileSync(passwordFile(folder), 'edited by hand');
  const replaced = embeddedPassword(folder);
  assert.match(replaced, /^[0-9a-f]{32}$/);
  assert.notEqual(replaced, first);
});
