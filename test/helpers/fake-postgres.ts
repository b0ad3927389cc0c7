// A stand-in PostgreSQL server on 127.0.0.1 that asks every client for its password (clear text or md5)
// and records what it receives: the user name of the startup message and the password message. It then
// refuses the login, as a collecting server would; nothing else of the protocol is spoken.
import * as net from 'node:net';
import {
  PASSWORD_MESSAGE,
  PROTOCOL_3,
  authenticationRequest,
  declinedEncryption,
  errorResponse,
  readFrontendMessages,
  startupParameter,
} from '../../server/src/host/embedded/embedded-auth';

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


export async function fakePostgres(auth: 'cleartext' | 'md5'): Promise<FakePostgres> {
  const received: Received[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    let record: Received | undefined;
    readFrontendMessages(
      socket,
      () => (record ? 'regular' : 'startup'),
      ({ code, message, body }) => {
        if (!record) {
          if (declinedEncryption(socket, code)) return 'more';
          if (code !== PROTOCOL_3) {
            socket.destroy();
            return 'stop';
          }
          record = {};
          const user = startupParameter(message, 'user');
          const database = startupParameter(message, 'database');
          if (user !== undefined) record.user = user;
          if (database !== undefined) record.database = database;
          received.push(record);
          socket.write(auth === 'cleartext' ? authenticationRequest(3) : authenticationRequest(5, Buffer.from([1, 2, 3, 4])));
          return 'more';
        }
        if (code !== PASSWORD_MESSAGE) return 'more';
        record.password = body.subarray(0, body.indexOf(0)).toString('utf8');
        socket.end(errorResponse('28P01', `password authentication failed for user "${record.user ?? ''}"`));
        return 'stop';
      },
    );
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
