// The database test harness: installs what this kind of machine lacks (Debian's PostgreSQL server,
// python3-alembic, python3-psycopg2), starts a throwaway PostgreSQL cluster on a free loopback port in a
// temporary directory, and copies examples/backend for the real Alembic CLI to work on.
// Nothing is skipped: a prerequisite that cannot be installed fails the test with the reason.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before } from 'node:test';
import { Client } from 'pg';
import { quoteIdent } from '../../common/quote-ident';
import { onExit } from '../helpers/exit-cleanup';
import { repoRoot } from '../helpers/repo';

/** Debian's interpreter, which python3-alembic and python3-psycopg2 install into (the PATH python3 may be another). */
export const ALEMBIC_PYTHON = '/usr/bin/python3';
export const SYSTEM_PACKAGES = ['postgresql', 'python3-alembic', 'python3-psycopg2'];

const POSTGRES_ROOT = '/usr/lib/postgresql';
const APT_LOCK = path.join(os.tmpdir(), 'alembic-tests-apt.lock');
const POLICY_RC = '/usr/sbin/policy-rc.d';

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs: number }): Promise<Ran> {
  return new Promise((resolve) => {
    // cwd: a folder the postgres user may enter (initdb and pg_ctl change into their working directory).
    execFile(file, args, { cwd: os.tmpdir(), env: options.env ?? process.env, timeout: options.timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr: stderr + (error && code === null ? `\n${error.message}` : '') });
    });
  });
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** The newest installed server's bin folder (/usr/lib/postgresql/15/bin), if any. */
export function postgresBinDir(): string | undefined {
  let versions: string[];
  try {
    versions = fs.readdirSync(POSTGRES_ROOT);
  } catch {
    return undefined;
  }
  const withInitdb = versions.filter((version) => fs.existsSync(path.join(POSTGRES_ROOT, version, 'bin', 'initdb')));
  const newest = withInitdb.sort((a, b) => Number(b) - Number(a))[0];
  return newest === undefined ? undefined : path.join(POSTGRES_ROOT, newest, 'bin');
}

async function missingPrerequisites(): Promise<string[]> {
  const missing: string[] = [];
  if (!postgresBinDir()) missing.push(`a PostgreSQL server (${POSTGRES_ROOT}/*/bin/initdb)`);
  const probe = await run(ALEMBIC_PYTHON, ['-c', 'import alembic, psycopg2, sqlalchemy'], { timeoutMs: 30_000 });
  if (probe.code !== 0) missing.push(`alembic and psycopg2 for ${ALEMBIC_PYTHON} (${probe.stderr.trim().split('\n').pop() ?? 'not importable'})`);
  return missing;
}

/**
 * Installs the PostgreSQL server, python3-alembic and python3-psycopg2 with apt-get when missing (as root);
 * fast when present. Test files may run in parallel: one installs while the others wait on a lock file.
 */
export async function ensureSystemPackages(): Promise<void> {
  const missing = await missingPrerequisites();
  if (!missing.length) return;
  const manual = `apt-get install -y ${SYSTEM_PACKAGES.join(' ')}`;
  if (!isRoot()) throw new Error(`The database tests need ${missing.join(' and ')}. Not root, so cannot install them: run \`${manual}\` as root.`);
  if (!fs.existsSync('/usr/bin/apt-get')) throw new Error(`The database tests need ${missing.join(' and ')}, and there is no apt-get to install them with (\`${manual}\` on Debian/Ubuntu).`);
  await withLock(APT_LOCK, 20 * 60_000, async () => {
    if (!(await missingPrerequisites()).length) return;
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const log: string[] = [];
    // Debian starts services from postinst unless policy-rc.d says no: the tests start their own cluster.
    const addedPolicy = !fs.existsSync(POLICY_RC);
    if (addedPolicy) fs.writeFileSync(POLICY_RC, '#!/bin/sh\n# added by the alembic extension\'s database tests while apt-get runs\nexit 101\n', { mode: 0o755 });
    try {
      const update = await run('apt-get', ['update'], { env, timeoutMs: 5 * 60_000 });
      log.push(update.stdout, update.stderr);
      const install = await run('apt-get', ['install', '-y', '--no-install-recommends', ...SYSTEM_PACKAGES], { env, timeoutMs: 15 * 60_000 });
      log.push(install.stdout, install.stderr);
    } finally {
      if (addedPolicy) fs.rmSync(POLICY_RC, { force: true });
    }
    const still = await missingPrerequisites();
    if (still.length) throw new Error(`\`${manual}\` did not provide ${still.join(' and ')}:\n${log.join('\n').slice(-4000)}`);
  });
}

/** A lock file holding the owner's pid; a lock whose owner died is taken over. */
async function withLock(file: string, timeoutMs: number, body: () => Promise<void>): Promise<void> {
  const start = Date.now();
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(fs.readFileSync(file, 'utf8'));
      if (!Number.isInteger(owner) || owner <= 0 || !alive(owner)) {
        fs.rmSync(file, { force: true });
        continue;
      }
      if (Date.now() - start > timeoutMs) throw new Error(`waited ${timeoutMs / 1000} s for ${file} (held by pid ${owner})`);
      await sleep(500);
    }
  }
  try {
    await body();
  } finally {
    fs.rmSync(file, { force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface PostgresServer {
  host: '127.0.0.1';
  port: number;
  /** The superuser the URLs use. */
  user: string;
  password: string;
  /** postgresql://postgres:<password>@127.0.0.1:<port>/<db> (db defaults to postgres). */
  url(db?: string): string;
  /** Creates a database (a fresh random name by default) and returns its name. */
  createDatabase(name?: string): Promise<string>;
  /** The postmaster's pid: kill it to simulate a crash. */
  pid: number;
  dataDir: string;
  socketDir: string;
  /** pg_ctl stop -m fast (SIGKILL if that fails), then the directory is removed. Safe to call twice. */
  stop(): Promise<void>;
}

function postgresIds(): { uid: number; gid: number } {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  const fields = line?.split(':');
  if (!fields || fields.length < 4) throw new Error('there is no postgres user (is the postgresql package installed? call ensureSystemPackages first)');
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}

/** As root, files the server reads or writes belong to the postgres user. */
function giveToServerUser(file: string): void {
  if (!isRoot()) return;
  const ids = postgresIds();
  fs.chownSync(file, ids.uid, ids.gid);
}

/** initdb refuses to run as root: as root, the server's tools run as the postgres user. */
function asServerUser(file: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
}

async function runServerTool(bin: string, tool: string, args: string[], timeoutMs: number): Promise<Ran> {
  const [file, argv] = asServerUser(path.join(bin, tool), args);
  return run(file, argv, { timeoutMs });
}

/** A loopback port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ServerOptions {
  /** PEM certificate and key: the server accepts SSL. */
  ssl?: { cert: string; key: string };
  /** TCP clients must use SSL (hostssl in pg_hba.conf): plain connections are refused. */
  sslOnly?: boolean;
}

/**
 * A throwaway cluster: scram-sha-256 over TCP with a random password, trust on its private socket,
 * listening on 127.0.0.1 only, durability off for speed.
 */
export async function startPostgres(options: ServerOptions = {}): Promise<PostgresServer> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('no PostgreSQL server installed: call ensureSystemPackages() first');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'alembic-pg-'));
  const removeRoot = (): void => fs.rmSync(root, { recursive: true, force: true });
  const forgetRoot = onExit(removeRoot);
  const dataDir = path.join(root, 'data');
  const logFile = path.join(root, 'server.log');
  // Characters that need escaping in URLs and .pgpass, so the tests exercise both.
  const password = `${randomBytes(9).toString('hex')}@:/%x`;
  try {
    giveToServerUser(root);
    fs.chmodSync(root, 0o700);
    const pwfile = path.join(root, 'pwfile');
    fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    giveToServerUser(pwfile);
    const initdb = await runServerTool(
      bin,
      'initdb',
      ['-D', dataDir, '-U', 'postgres', '--auth-host=scram-sha-256', '--auth-local=trust', `--pwfile=${pwfile}`, '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'],
      120_000,
    );
    fs.rmSync(pwfile, { force: true });
    if (initdb.code !== 0) throw new Error(`initdb failed:\n${initdb.stdout}\n${initdb.stderr}`);
    const sslSettings = options.ssl ? configureSsl(dataDir, options.ssl) : [];
    if (options.sslOnly) fs.writeFileSync(path.join(dataDir, 'pg_hba.conf'), 'local all all trust\nhostssl all all 127.0.0.1/32 scram-sha-256\n');

    let lastFailure = '';
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      const settings = [
        `port = ${port}`,
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${root}'`,
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        ...sslSettings,
      ];
      // postgresql.auto.conf is read last, so a retry's port replaces the previous one.
      fs.writeFileSync(path.join(dataDir, 'postgresql.auto.conf'), settings.join('\n') + '\n');
      const started = await runServerTool(bin, 'pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', 'start'], 90_000);
      if (started.code === 0) return server(bin, root, dataDir, port, password, () => {
        forgetRoot();
        removeRoot();
      });
      lastFailure = `${started.stdout}\n${started.stderr}\n${readTail(logFile)}`;
    }
    throw new Error(`pg_ctl start failed three times:\n${lastFailure}`);
  } catch (error) {
    forgetRoot();
    removeRoot();
    throw error;
  }
}

/** The server refuses a key file others can read: 0600, owned by the server's user. */
function configureSsl(dataDir: string, ssl: { cert: string; key: string }): string[] {
  for (const [name, text] of [['server.crt', ssl.cert], ['server.key', ssl.key]] as const) {
    const file = path.join(dataDir, name);
    fs.writeFileSync(file, text, { mode: 0o600 });
    giveToServerUser(file);
  }
  return ['ssl = on', "ssl_cert_file = 'server.crt'", "ssl_key_file = 'server.key'"];
}

function readTail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').slice(-3000);
  } catch {
    return '';
  }
}

function postmasterPid(dataDir: string): number {
  const pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no postmaster pid in ${dataDir}`);
  return pid;
}

function server(bin: string, root: string, dataDir: string, port: number, password: string, removeRoot: () => void): PostgresServer {
  const pid = postmasterPid(dataDir);
  const url = (db = 'postgres'): string => `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(db)}`;
  // If the test process dies first: immediate shutdown (SIGQUIT) of the one server this harness started.
  const forgetKill = onExit(() => {
    if (alive(pid)) process.kill(pid, 'SIGQUIT');
  });
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (alive(pid)) await runServerTool(bin, 'pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '20', 'stop'], 30_000);
      if (alive(pid)) process.kill(pid, 'SIGKILL');
      const deadline = Date.now() + 10_000;
      while (alive(pid) && Date.now() < deadline) await sleep(50);
      forgetKill();
      removeRoot();
    })();
    return stopping;
  };
  return {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password,
    url,
    pid,
    dataDir,
    socketDir: root,
    stop,
    async createDatabase(name = `test_${randomBytes(4).toString('hex')}`): Promise<string> {
      // Over the private socket (trust): works whatever the server demands of TCP clients.
      const client = new Client({ host: root, port, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 10_000, query_timeout: 30_000 });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
      } finally {
        await client.end();
      }
      return name;
    },
  };
}

/** Generous: on a fresh machine the first test file downloads and installs the packages. */
export const SETUP_TIMEOUT_MS = 20 * 60_000;

/**
 * A cluster for the calling test file: packages ensured and the server started once, before its tests,
 * stopped after them, also when they fail. Await the returned function for the server: node 20 runs
 * top-level before() hooks without waiting for one another, so a file's own hooks await it too.
 */
export function postgresForThisFile(): () => Promise<PostgresServer> {
  let starting: Promise<PostgresServer> | undefined;
  const start = (): Promise<PostgresServer> =>
    (starting ??= (async () => {
      await ensureSystemPackages();
      return startPostgres();
    })());
  before(async () => {
    await start();
  }, { timeout: SETUP_TIMEOUT_MS });
  after(async () => {
    const server = await starting?.catch(() => undefined);
    await server?.stop();
  });
  return start;
}

/** A temporary copy of examples/backend, or of another project (no .env, no caches), removed when the process exits. */
export function copyExample(source = path.join(repoRoot, 'examples', 'backend')): string {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'alembic-example-'));
  onExit(() => fs.rmSync(target, { recursive: true, force: true }));
  fs.cpSync(source, target, {
    recursive: true,
    filter: (source) => !/(^|[\\/])(__pycache__|\.env)$/.test(source),
  });
  return target;
}

/**
 * The environment for the CLI in tests: this process's, without any database settings it may carry,
 * so only what a test resolves reaches Alembic.
 */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || /^(PG|POSTGRES_)/.test(name) || name === 'DATABASE_URL') continue;
    env[name] = value;
  }
  return { ...env, ...extra };
}
