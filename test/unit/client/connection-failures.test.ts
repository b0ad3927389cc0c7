// How readCurrentRevisions fails when there is no PostgreSQL to talk to: fake servers on loopback.
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { test } from 'node:test';
import { readCurrentRevisions } from '../../../client/src/database/version-table';

async function fakeServer(onConnection: (socket: net.Socket) => void): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const config = (port: number) => ({ host: '127.0.0.1', port, user: 'app', database: 'shop', password: 'hunter2', ssl: false as const });

test('a server that accepts and never answers is a timeout, within the deadline', async () => {
  const silent = await fakeServer(() => undefined);
  try {
    const started = Date.now();
    const result = await readCurrentRevisions(config(silent.port), { timeoutMs: 700 });
    const elapsed = Date.now() - started;
    assert.ok(!result.ok && result.kind === 'timeout', JSON.stringify(result));
    // A silent server keeps pg waiting for ever: the kind 'timeout' is our deadline firing, and not before it.
    assert.ok(elapsed >= 600, `elapsed ${elapsed} ms`);
    assert.match(result.ok ? '' : result.message, new RegExp(`^app@127\\.0\\.0\\.1:${silent.port}/shop: `));
  } finally {
    await silent.close();
  }
});

test('a server that hangs up at once is unreachable, and the message has no password', async () => {
  const rude = await fakeServer((socket) => socket.destroy());
  try {
    const result = await readCurrentRevisions(config(rude.port), { timeoutMs: 3000 });
    assert.ok(!result.ok && result.kind === 'unreachable', JSON.stringify(result));
    assert.ok(!JSON.stringify(result).includes('hunter2'));
  } finally {
    await rude.close();
  }
});

test('a closed port is unreachable: connection refused', async () => {
  const gone = await fakeServer(() => undefined);
  const port = gone.port;
  await gone.close();
  const result = await readCurrentRevisions(config(port), { timeoutMs: 3000 });
  assert.ok(!result.ok && result.kind === 'unreachable', JSON.stringify(result));
  assert.match(result.ok ? '' : result.message, /connection refused/);
});
