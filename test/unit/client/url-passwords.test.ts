// Passwords with '/', '@' and ':' in URLs: parsed as SQLAlchemy parses them, and masked whole wherever a URL is quoted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDatabaseUrl } from '../../../client/src/database/database-url';
import { maskAll, maskSecrets, maskUrlPasswords, secretsInEnv } from '../../../client/src/mask-secrets';
import { describePgError } from '../../../client/src/database/pg-connect';

test('a password with "/" is read as SQLAlchemy reads it, not as a port', () => {
  assert.deepEqual(parseDatabaseUrl('postgresql://app:s3cr/et+Kq9@host:5432/app'), {
    scheme: 'postgresql', user: 'app', password: 's3cr/et+Kq9', host: 'host', port: 5432, database: 'app', params: [],
  });
  assert.deepEqual(parseDatabaseUrl('postgresql+psycopg2://app:a?b/c:d@db/shop?sslmode=require'), {
    scheme: 'postgresql+psycopg2', user: 'app', password: 'a?b/c:d', host: 'db', database: 'shop', params: [['sslmode', 'require']],
  });
  // A path with '@' after the host is no userinfo.
  assert.deepEqual(parseDatabaseUrl('postgresql://db/sh@p'), { scheme: 'postgresql', host: 'db', database: 'sh@p', params: [] });
});

test('a password with "@", ":" and "/" is masked whole, in the URL and in problems', () => {
  for (const password of ['s3cr/et+Kq9', 'p@ss:w/rd', 'a:b@c', 'x/y@z']) {
    const text = `postgresql://app:${password}@host:99999/app`;
    // Port 99999 is refused (a raw '@' also makes SQLAlchemy read a different host): the problem quotes the URL.
    const problem = parseDatabaseUrl(text);
    assert.ok('problem' in problem, password);
    for (const part of password.split(/[@:/]/).filter((p) => p.length > 1)) assert.ok(!problem.problem.includes(part), `${password}: ${problem.problem}`);
    assert.equal(maskUrlPasswords(`failed: "${text}" (retrying)`), 'failed: "postgresql://app:***@host:99999/app" (retrying)');
  }
  assert.equal(maskUrlPasswords('a postgresql://app@db/x and postgresql://app:@db/x'), 'a postgresql://app@db/x and postgresql://app:@db/x');
});

test('an environment URL password with "/" is a secret, and is masked in any text', () => {
  const secrets = secretsInEnv({ DATABASE_URL: 'postgresql://app:s3cr/et+Kq9@host:5432/app' });
  assert.ok(secrets.includes('s3cr/et+Kq9'), secrets.join());
  assert.equal(maskAll('password authentication failed; tried s3cr/et+Kq9', secrets), 'password authentication failed; tried ***');
  const failure = describePgError(new Error('bad postgresql://app:p@ss:w/rd@h/d'), 'app@h:5432/d', ['p@ss:w/rd']);
  assert.ok(!/ss|w\/rd/.test(failure.message.replace('app@h', '')), failure.message);
});

test('a password that is a common word is not masked inside other words', () => {
  assert.equal(maskSecrets('CREATE TABLE users (user_id int); -- user', ['user']), 'CREATE TABLE users (user_id int); -- ***');
  assert.equal(maskSecrets('postgresql://app:user@db/x', ['user']), 'postgresql://app:***@db/x');
  // As the runner masks Show SQL's output: the secrets of the child's environment.
  const secrets = secretsInEnv({ POSTGRES_PASSWORD: 'user', DATABASE_URL: 'postgresql://app:user@db/x' });
  assert.equal(maskAll('CREATE TABLE users (id int);\nconnected to postgresql://app:user@db/x', secrets), 'CREATE TABLE users (id int);\nconnected to postgresql://app:***@db/x');
  // Edges that are not word characters do not need a boundary.
  assert.equal(maskSecrets('x/@y', ['/@']), 'x***y');
});
