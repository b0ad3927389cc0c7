import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { canRunMigrations, projectToOffer } from '../../../client/src/embedded/embedded-offer';

const ready = { name: 'backend', locations: [{ path: '/w/backend/database_migrations' }] };
const bare = { name: 'copied', locations: [{ path: '/w/copied/migrations' }] };
const files = new Set([path.join('/w/backend/database_migrations', 'env.py')]);
const exists = (file: string): boolean => files.has(file);

test('migrations can run where a script location holds env.py', () => {
  assert.equal(canRunMigrations(ready, exists), true);
  assert.equal(canRunMigrations(bare, exists), false);
  assert.equal(canRunMigrations({ locations: [] }, exists), false);
  assert.equal(canRunMigrations({ locations: [...bare.locations, ...ready.locations] }, exists), true);
});

test('the embedded database is offered only for an unconfigured project that can run migrations', () => {
  assert.equal(projectToOffer([bare, ready], () => true, exists), ready);
  assert.equal(projectToOffer([bare], () => true, exists), undefined);
  assert.equal(projectToOffer([bare, ready], (p) => p !== ready, exists), undefined);
});
