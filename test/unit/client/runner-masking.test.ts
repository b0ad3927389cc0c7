import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskAll, maskSecrets, maskUrlPasswords, secretsInEnv } from '../../../client/src/mask-secrets';

test('known secrets are masked as written and percent-encoded, longest first', () => {
  assert.equal(maskSecrets('a p@ss and p%40ss and p@ss2', ['p@ss', 'p@ss2']), 'a *** and *** and ***');
  assert.equal(maskSecrets('nothing to hide', ['', 'absent']), 'nothing to hide');
});

test('URL passwords are masked whatever the scheme; URLs without one are untouched', () => {
  assert.equal(
    maskUrlPasswords('to postgresql+asyncpg://app:hunter2@db:5432/app and postgres://u:x%40y@h/d'),
    'to postgresql+asyncpg://app:***@db:5432/app and postgres://u:***@h/d',
  );
  assert.equal(maskUrlPasswords('postgresql://app@db/app?sslmode=require'), 'postgresql://app@db/app?sslmode=require');
  assert.equal(maskUrlPasswords("host=db password='a b' user=x"), 'host=db password=*** user=x');
  assert.equal(maskUrlPasswords('host=db password=secret user=x'), 'host=db password=*** user=x');
});

test('secrets found in an environment: password-like names and URL passwords', () => {
  const secrets = secretsInEnv({
    PATH: '/usr/bin',
    POSTGRES_PASSWORD: 'pw1',
    PGPASSWORD: 'pw2',
    API_TOKEN: 'tok',
    DATABASE_URL: 'postgresql://app:p%40ss@db/app',
    HOME: '/root',
  });
  assert.deepEqual(new Set(secrets), new Set(['pw1', 'pw2', 'tok', 'p%40ss', 'p@ss']));
  assert.equal(maskAll('p@ss pw1 /usr/bin', secrets), '*** *** /usr/bin');
});
