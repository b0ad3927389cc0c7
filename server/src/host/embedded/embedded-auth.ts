// A password check in front of pglite-socket, which has none: its 0.2.x handler answers the startup message of
// any client that reaches its port. This gate owns the loopback port: it speaks the start of PostgreSQL's
// protocol itself (SSL and GSSAPI requests answered "no", the startup message, an md5 password request with a
// fresh salt, the password message), and only a client that proved the password is joined to pglite-socket,
// which listens where only this user can reach it (a socket in a 0700 folder, or a named pipe on Windows).
// md5 rather than clear text: the password never crosses the socket; SCRAM would add nothing on loopback.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import * as net from 'node:net';

export interface AuthGateOptions {
  host: string;
  /** 0: a free port. */
  port: number;
  password: string;
  /** pglite-socket's endpoint: a Unix socket path or a Windows named pipe. */
  upstream: string;
}

export interface AuthGate {
  port: number;
  /** Stops listening and drops every client, authenticated or not. */
  close(): Promise<void>;
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
export const PROTOCOL_3 = 196608;
/** The password message's type byte, 'p'. */
export const PASSWORD_MESSAGE = 0x70;
/** PostgreSQL refuses larger startup packets too (MAX_STARTUP_PACKET_LENGTH); no message before login is longer. */
const MAX_LENGTH = 10_000;
/** PostgreSQL's authentication_timeout default: a client that says nothing is dropped. */
const AUTH_TIMEOUT_MS = 60_000;

export async function startAuthGate(o: AuthGateOptions): Promise<AuthGate> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    authenticate(socket, o, sockets);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const closeAll = (): Promise<void> =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
  return { port: (server.address() as net.AddressInfo).port, close: closeAll };
}

/** md5 authentication as the server computes it: "md5" + md5(md5(password + user) + salt). */
export function md5Response(password: string, user: string, salt: Buffer): string {
  const inner = createHash('md5').update(password + user).digest('hex');
  return 'md5' + createHash('md5').update(Buffer.concat([Buffer.from(inner), salt])).digest('hex');
}

function authenticate(socket: net.Socket, o: AuthGateOptions, sockets: Set<net.Socket>): void {
  let startup: { message: Buffer; user: string; salt: Buffer } | undefined;
  const timer = setTimeout(() => socket.destroy(), AUTH_TIMEOUT_MS);
  socket.once('close', () => clearTimeout(timer));
  const refuse = (code: string, text: string): 'stop' => {
    socket.end(errorResponse(code, text));
    return 'stop';
  };
  readFrontendMessages(
    socket,
    () => (startup ? 'regular' : 'startup'),
    ({ code, message, body }) => {
      if (!startup) {
        if (declinedEncryption(socket, code)) return 'more';
        // Cancel requests need the backend's key, and pglite-socket ignores them anyway.
        if (code === CANCEL_REQUEST) {
          socket.destroy();
          return 'stop';
        }
        if (code !== PROTOCOL_3) return refuse('0A000', 'unsupported frontend protocol');
        const user = startupParameter(message, 'user');
        if (!user) return refuse('28000', 'no PostgreSQL user name specified in startup packet');
        startup = { message: Buffer.from(message), user, salt: randomBytes(4) };
        socket.write(authenticationRequest(5, startup.salt));
        return 'more';
      }
      const failed = `password authentication failed for user "${startup.user}"`;
      if (code !== PASSWORD_MESSAGE) return refuse('28P01', failed);
      const given = body.subarray(0, Math.max(0, body.indexOf(0)));
      const expected = Buffer.from(md5Response(o.password, startup.user, startup.salt));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return refuse('28P01', failed);
      return 'stop';
    },
    (rest) => {
      clearTimeout(timer);
      if (startup && !socket.destroyed && socket.writable) join(socket, startup.message, rest, o.upstream, sockets);
    },
  );
}

export interface FrontendMessage {
  /** The startup packet's code (protocol version, SSL request, ...) or a regular message's type byte. */
  code: number;
  /** The whole message, header included. */
  message: Buffer;
  body: Buffer;
  rest: Buffer;
}

/**
 * The next message a client sent before login: a startup packet (length, code, body) or a regular message
 * (type byte, length, body). 'invalid' for a length no client sends.
 */
export function nextFrontendMessage(buffer: Buffer, phase: 'startup' | 'regular'): FrontendMessage | 'incomplete' | 'invalid' {
  const startup = phase === 'startup';
  const header = startup ? 8 : 5;
  if (buffer.length < header) return 'incomplete';
  const total = startup ? buffer.readInt32BE(0) : 1 + buffer.readInt32BE(1);
  if (total < header || total > MAX_LENGTH) return 'invalid';
  if (buffer.length < total) return 'incomplete';
  return {
    code: startup ? buffer.readInt32BE(4) : (buffer[0] ?? 0),
    message: buffer.subarray(0, total),
    body: buffer.subarray(header, total),
    rest: buffer.subarray(total),
  };
}

/**
 * Hands each complete message a client sends before login to `handle` until it says 'stop'; a length no
 * client sends drops the connection. `stopped` gets the bytes that came after the last message handled.
 */
export function readFrontendMessages(
  socket: net.Socket,
  phase: () => 'startup' | 'regular',
  handle: (message: FrontendMessage) => 'more' | 'stop',
  stopped: (rest: Buffer) => void = () => undefined,
): void {
  let buffer: Buffer = Buffer.alloc(0);
  const onData = (chunk: Buffer): void => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const next = nextFrontendMessage(buffer, phase());
      if (next === 'incomplete') return;
      if (next === 'invalid') return void socket.destroy();
      buffer = next.rest;
      if (handle(next) === 'stop') {
        socket.removeListener('data', onData);
        return stopped(buffer);
      }
    }
  };
  socket.on('data', onData);
}

/** An SSL or GSSAPI encryption request is answered "no" (loopback only): true when `code` was one. */
export function declinedEncryption(socket: net.Socket, code: number): boolean {
  if (code !== SSL_REQUEST && code !== GSSENC_REQUEST) return false;
  socket.write('N');
  return true;
}

/** A startup packet's parameter (user, database, ...). */
export function startupParameter(message: Buffer, name: string): string | undefined {
  const parts = message.subarray(8).toString('utf8').split('\0');
  for (let i = 0; i + 1 < parts.length; i += 2) if (parts[i] === name) return parts[i + 1];
  return undefined;
}

/** Hands an authenticated client to pglite-socket: its startup message first, then the bytes both ways. */
function join(socket: net.Socket, startupMessage: Buffer, pending: Buffer, upstream: string, sockets: Set<net.Socket>): void {
  socket.pause();
  const backend = net.connect(upstream);
  sockets.add(backend);
  backend.once('close', () => {
    sockets.delete(backend);
    socket.destroy();
  });
  socket.once('close', () => backend.destroy());
  backend.on('error', () => backend.destroy());
  backend.once('connect', () => {
    backend.write(pending.length ? Buffer.concat([startupMessage, pending]) : startupMessage);
    socket.pipe(backend);
    backend.pipe(socket);
    socket.resume();
  });
}

/** AuthenticationCleartextPassword (3) or AuthenticationMD5Password (5) with its salt. */
export function authenticationRequest(code: 3 | 5, salt?: Buffer): Buffer {
  const body = Buffer.alloc(4 + (salt?.length ?? 0));
  body.writeInt32BE(code, 0);
  salt?.copy(body, 4);
  return protocolMessage('R', body);
}

/** A FATAL ErrorResponse message. */
export function errorResponse(code: string, text: string): Buffer {
  return protocolMessage('E', Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${text}\0\0`, 'utf8'));
}

/** A backend message: type byte, length, body. */
export function protocolMessage(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}
