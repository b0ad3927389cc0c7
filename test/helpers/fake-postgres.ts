// A stand-in PostgreSQL server on 127.0.0.1 that asks every client for its password (clear text or md5)
// and records what it receives: the user name of the startup message and the password message. It then
// refuses the login, as a collecting server would; nothing else of the protocol is spoken.
import * as net from 'node:net';

export interface Received {
  user?: string;
  database?: string;
  /** The password message's content: the password itself for clear text, "md5..." for md5. */
  password?: string;
}

export interface FakePostgres {
  port: number;
  /** One entry per connection that sent a startup message. */
  received: Received[];
  close(): Promise<void>;
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const PROTOCOL_3 = 196608;

export async function fakePostgres(auth: 'cleartext' | 'md5'): Promise<FakePostgres> {
  const received: Received[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    let buffer = Buffer.alloc(0);
    let record: Received | undefined;
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (!record) {
          if (buffer.length < 8) return;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) return;
          const code = buffer.readInt32BE(4);
          const body = buffer.subarray(8, length);
          buffer = buffer.subarray(length);
          if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
            socket.write('N');
            continue;
          }
          if (code !== PROTOCOL_3) return void socket.destroy();
          record = parameters(body);
          received.push(record);
          socket.write(auth === 'cleartext' ? authRequest(3) : authRequest(5, Buffer.from([1, 2, 3, 4])));
          continue;
        }
        if (buffer.length < 5) return;
        const length = buffer.readInt32BE(1);
        if (buffer.length < 1 + length) return;
        const type = String.fromCharCode(buffer[0] ?? 0);
        const body = buffer.subarray(5, 1 + length);
        buffer = buffer.subarray(1 + length);
        if (type === 'p') {
          record.password = body.subarray(0, body.indexOf(0)).toString('utf8');
          socket.end(errorResponse('28P01', `password authentication failed for user "${record.user ?? ''}"`));
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function parameters(body: Buffer): Received {
  const parts = body.toString('utf8').split('\0');
  const record: Received = {};
  for (let i = 0; i + 1 < parts.length; i += 2) {
    if (parts[i] === 'user') record.user = parts[i + 1];
    if (parts[i] === 'database') record.database = parts[i + 1];
  }
  return record;
}

function authRequest(code: number, salt?: Buffer): Buffer {
  const body = Buffer.alloc(4 + (salt?.length ?? 0));
  body.writeInt32BE(code, 0);
  salt?.copy(body, 4);
  return message('R', body);
}

function errorResponse(code: string, text: string): Buffer {
  return message('E', Buffer.from(`SFATAL\0C${code}\0M${text}\0\0`, 'utf8'));
}

function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}
