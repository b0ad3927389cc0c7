import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveConnection, type ResolvedConnection } from '../../../client/src/database/resolve-connection';
import { SSL_FALLBACK } from '../../../client/src/database/ssl-mode';

function resolve(url: string, env: Record<string, string> = {}, files: Record<string, string> = {}): ResolvedConnection {
  const result = resolveConnection({ env: { DATABASE_URL: url, ...env }, home: '/home/ann', readFile: (file) => files[file] });
  if ('problem' in result) assert.fail(result.problem);
  return result;
}

type Ssl = false | (Record<string, unknown> & { [SSL_FALLBACK]?: string });
const ssl = (connection: ResolvedConnection): Ssl => connection.pg.ssl as Ssl;

test('no sslmode is libpq\'s prefer: SSL first, plain when the server has none', () => {
  const connection = resolve('postgresql://app@db/shop');
  assert.equal(connection.sslmode, 'prefer');
  const options = ssl(connection);
  assert.ok(options);
  assert.equal(options.rejectUnauthorized, false);
  assert.equal(options[SSL_FALLBACK], 'ssl-first');
});

test('each sslmode maps to pg\'s ssl option', () => {
  assert.equal(ssl(resolve('postgresql://app@db/shop?sslmode=disable')), false);
  const allow = ssl(resolve('postgresql://app@db/shop?sslmode=allow'));
  assert.ok(allow && allow[SSL_FALLBACK] === 'plain-first');
  const require = ssl(resolve('postgresql://app@db/shop?sslmode=require'));
  assert.ok(require && require.rejectUnauthorized === false && require[SSL_FALLBACK] === undefined);
  const verifyCa = ssl(resolve('postgresql://app@db/shop?sslmode=verify-ca&sslrootcert=/certs/ca.pem', {}, { '/certs/ca.pem': 'CA PEM' }));
  assert.ok(verifyCa && verifyCa.rejectUnauthorized === true && verifyCa.ca === 'CA PEM' && typeof verifyCa.checkServerIdentity === 'function');
  const verifyFull = ssl(resolve('postgresql://app@db/shop?sslmode=verify-full'));
  assert.ok(verifyFull && verifyFull.rejectUnauthorized === true && verifyFull.checkServerIdentity === undefined);
});

test('require with a root certificate verifies the chain, as libpq does', () => {
  const options = ssl(resolve('postgresql://app@db/shop?sslmode=require&sslrootcert=~/root.crt', {}, { '/home/ann/root.crt': 'ROOT' }));
  assert.ok(options && options.rejectUnauthorized === true && options.ca === 'ROOT');
});

test('PGSSLMODE applies when the URL says nothing; asyncpg\'s ssl= is understood', () => {
  assert.equal(resolve('postgresql://app@db/shop', { PGSSLMODE: 'verify-full' }).sslmode, 'verify-full');
  assert.equal(resolve('postgresql://app@db/shop?sslmode=disable', { PGSSLMODE: 'verify-full' }).sslmode, 'disable');
  assert.equal(resolve('postgresql+asyncpg://app@db/shop?ssl=require').sslmode, 'require');
});

test('unknown modes and unreadable certificate files are problems', () => {
  const bad = resolveConnection({ env: { DATABASE_URL: 'postgresql://app@db/shop?sslmode=sometimes' } });
  assert.ok('problem' in bad && /unknown sslmode "sometimes"/.test(bad.problem));
  const missing = resolveConnection({ env: { DATABASE_URL: 'postgresql://app@db/shop?sslmode=verify-ca&sslrootcert=/nope.pem' }, readFile: () => undefined });
  assert.ok('problem' in missing && /cannot read sslrootcert file "\/nope.pem"/.test(missing.problem));
});
