// Credentials from outside the workspace (PGPASSWORD, .pgpass, ${VAR} expanded from the extension host's
// environment) go to a server the workspace names only after the user agreed for it; a clear-text password
// goes to a server that is not local only after asking. A stand-in server on 127.0.0.1 records what arrives.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forgetAgreements, readWithAgreement, isLocalHost, silentConnection, type AgreementStore, type Question } from '../../../client/src/database/credential-agreement';
import { resolveConnection, type ConnectionSources, type ResolvedConnection } from '../../../client/src/database/resolve-connection';
import { readCurrentRevisions } from '../../../client/src/database/version-table';
import { fakePostgres, type FakePostgres } from '../../helpers/fake-postgres';

function memoryStore(): AgreementStore & { values: Map<string, unknown> } {
  const values = new Map<string, unknown>();
  return { values, get: <T>(key: string) => values.get(key) as T | undefined, update: async (key, value) => void values.set(key, value) };
}

function resolve(sources: ConnectionSources): ResolvedConnection {
  const resolved = resolveConnection(sources);
  if ('problem' in resolved) assert.fail(resolved.problem);
  return resolved;
}

/** One connection attempt through the agreement, answering every question with `answer` (undefined: a background refresh). */
async function connectOnce(connection: ResolvedConnection, store: AgreementStore, answer: boolean | undefined): Promise<{ questions: Question[]; waiting?: string }> {
  const questions: Question[] = [];
  const ask = answer === undefined ? undefined : async (question: Question) => (questions.push(question), answer);
  const result = await readWithAgreement(connection, store, ask, (allowCleartext) => readCurrentRevisions(connection.pg, { timeoutMs: 5000, allowCleartext }));
  return { questions, ...('waiting' in result ? { waiting: result.waiting } : {}) };
}

async function withServer(auth: 'cleartext' | 'md5', body: (server: FakePostgres) => Promise<void>): Promise<void> {
  const server = await fakePostgres(auth);
  try {
    await body(server);
  } finally {
    await server.close();
  }
}

const ENV = { USER: 'me', HOME: '/home/me' };

const outsideCases: Array<{ name: string; sources: (port: number) => ConnectionSources; user: string; password: string; origin: RegExp }> = [
  {
    name: 'PGPASSWORD, to a host named by alembic.ini',
    sources: (port) => ({ env: { ...ENV, PGPASSWORD: 'pg-env-secret' }, sqlalchemyUrl: `postgresql://app@127.0.0.1:${port}/shop` }),
    user: 'app',
    password: 'pg-env-secret',
    origin: /PGPASSWORD/,
  },
  {
    name: '.pgpass, to a host named by .env',
    sources: (port) => ({ env: ENV, dotenvText: `DATABASE_URL=postgresql://app@127.0.0.1:${port}/shop\n`, pgpassText: '*:*:*:*:pgpass-secret\n', pgpassFile: '~/.pgpass' }),
    user: 'app',
    password: 'pgpass-secret',
    origin: /~\/\.pgpass/,
  },
  {
    name: '${VAR} in .env expanded from the extension host\'s environment, as the user and the password',
    sources: (port) => ({
      env: { ...ENV, GITHUB_TOKEN: 'ghp_token', AWS_SECRET_ACCESS_KEY: 'aws-secret' },
      dotenvText: `DATABASE_URL=postgresql://\${GITHUB_TOKEN}:\${AWS_SECRET_ACCESS_KEY}@127.0.0.1:${port}/shop\n`,
    }),
    user: 'ghp_token',
    password: 'aws-secret',
    origin: /\$GITHUB_TOKEN, \$AWS_SECRET_ACCESS_KEY from the extension host's environment/,
  },
  {
    name: 'POSTGRES_PASSWORD of the environment, to POSTGRES_HOST of .env',
    sources: (port) => ({ env: { ...ENV, POSTGRES_PASSWORD: 'env-postgres-secret' }, dotenvText: `POSTGRES_HOST=127.0.0.1\nPOSTGRES_PORT=${port}\nPOSTGRES_USER=app\nPOSTGRES_DB=shop\n` }),
    user: 'app',
    password: 'env-postgres-secret',
    origin: /POSTGRES_PASSWORD in the extension host's environment/,
  },
];

for (const c of outsideCases) {
  test(`${c.name}: not sent without agreement, sent after it, and the agreement is remembered`, async () => {
    await withServer('cleartext', async (server) => {
      const connection = resolve(c.sources(server.port));
      assert.equal(connection.outside?.target, `127.0.0.1:${server.port}`);
      const store = memoryStore();

      // A background refresh (activation): nothing asked, nothing sent, not even a connection.
      const background = await connectOnce(connection, store, undefined);
      assert.match(background.waiting ?? '', /Connect to decide/);
      assert.equal(server.received.length, 0, JSON.stringify(server.received));
      // Nor may a Cancel's clean-up connect with it (it cannot stop to ask).
      assert.equal(silentConnection(store, connection), undefined);

      // The user declines: still nothing.
      const declined = await connectOnce(connection, store, false);
      assert.equal(declined.questions.length, 1);
      assert.match(declined.questions[0]?.message ?? '', c.origin);
      assert.match(declined.questions[0]?.message ?? '', new RegExp(`to 127\\.0\\.0\\.1:${server.port}\\?`));
      assert.equal(server.received.length, 0, JSON.stringify(server.received));

      // The user agrees: the server gets the credential (clear text is fine on loopback).
      const agreed = await connectOnce(connection, store, true);
      assert.equal(agreed.waiting, undefined);
      assert.deepEqual(server.received, [{ user: c.user, database: 'shop', password: c.password }]);
      assert.equal(silentConnection(store, connection)?.pg, connection.pg);

      // Remembered for that target: the next background refresh sends without asking.
      await connectOnce(connection, store, undefined);
      assert.equal(server.received.length, 2);
      assert.equal(server.received[1]?.password, c.password);

      // Forget Agreed Servers: the next background refresh holds it back again.
      assert.equal(await forgetAgreements(store), 1);
      assert.match((await connectOnce(connection, store, undefined)).waiting ?? '', /Connect to decide/);
      assert.equal(server.received.length, 2);
      assert.equal(await forgetAgreements(store), 0);
    });
  });
}

test('the workspace\'s own credentials and the environment\'s own target need no agreement', async () => {
  await withServer('cleartext', async (server) => {
    const store = memoryStore();
    const own = resolve({ env: { ...ENV, PGPASSWORD: 'unused' }, sqlalchemyUrl: `postgresql://app:ini-pw@127.0.0.1:${server.port}/shop` });
    assert.equal(own.outside, undefined);
    // ${VAR} that expands to nothing from the environment keeps the file's own default.
    const defaulted = resolve({ env: ENV, dotenvText: `DATABASE_URL=postgresql://app:\${NOPE:-file-pw}@127.0.0.1:${server.port}/shop\n` });
    assert.equal(defaulted.outside, undefined);
    const environment = resolve({ env: { ...ENV, DATABASE_URL: `postgresql://app@127.0.0.1:${server.port}/shop`, PGPASSWORD: 'env-pw' } });
    assert.equal(environment.outside, undefined);
    for (const connection of [own, defaulted, environment]) assert.deepEqual((await connectOnce(connection, store, undefined)).questions, []);
    assert.deepEqual(server.received.map((r) => r.password), ['ini-pw', 'file-pw', 'env-pw']);
  });
});

test('another port on the same host asks again', async () => {
  await withServer('cleartext', async (first) => {
    await withServer('cleartext', async (second) => {
      const store = memoryStore();
      const to = (port: number) => resolve({ env: { ...ENV, PGPASSWORD: 'pg-env-secret' }, sqlalchemyUrl: `postgresql://app@127.0.0.1:${port}/shop` });
      await connectOnce(to(first.port), store, true);
      assert.equal(first.received[0]?.password, 'pg-env-secret');
      const other = await connectOnce(to(second.port), store, undefined);
      assert.ok(other.waiting);
      assert.equal(second.received.length, 0);
    });
  });
});

// ::ffff:127.0.0.1 reaches the stand-in on loopback, but is not among the names isLocalHost knows: a server
// that counts as elsewhere, which the test needs.
const ELSEWHERE = '::ffff:127.0.0.1';

test('a clear-text password request from a server that is not local asks first; md5 does not', async () => {
  assert.ok(!isLocalHost(ELSEWHERE) && isLocalHost('127.0.0.1') && isLocalHost('::1') && isLocalHost('/run/postgresql') && !isLocalHost('db.example.com'));
  await withServer('cleartext', async (server) => {
    const store = memoryStore();
    const connection = resolve({ env: ENV, sqlalchemyUrl: `postgresql://app:ini-pw@[${ELSEWHERE}]:${server.port}/shop` });
    assert.equal(connection.outside, undefined);

    const background = await connectOnce(connection, store, undefined);
    assert.match(background.waiting ?? '', /clear text/);
    assert.deepEqual([...server.received], [{ user: 'app', database: 'shop' }] as typeof server.received);

    const declined = await connectOnce(connection, store, false);
    assert.match(declined.questions[0]?.message ?? '', /asks for the password in clear text/);
    assert.equal(server.received[1]?.password, undefined);

    const agreed = await connectOnce(connection, store, true);
    assert.equal(agreed.waiting, undefined);
    assert.equal(server.received.at(-1)?.password, 'ini-pw');
    await connectOnce(connection, store, undefined);
    assert.equal(server.received.at(-1)?.password, 'ini-pw');
  });
  await withServer('md5', async (server) => {
    const connection = resolve({ env: ENV, sqlalchemyUrl: `postgresql://app:ini-pw@[${ELSEWHERE}]:${server.port}/shop` });
    const result = await connectOnce(connection, memoryStore(), undefined);
    assert.equal(result.waiting, undefined);
    assert.match(server.received[0]?.password ?? '', /^md5[0-9a-f]{32}$/);
  });
});
