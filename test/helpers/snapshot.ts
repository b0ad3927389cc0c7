// Snapshot files: text compared exactly, written only on request. `UPDATE_SNAPSHOTS=1 npm test` (or
// `npm run test:update-snapshots`) rewrites them; outside CI a missing snapshot is written once (review it
// before committing); in CI (`CI=true`) nothing is written: a missing or different snapshot fails.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './repo';

function flag(name: string): boolean {
  const value = process.env[name];
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

export const inCi = flag('CI');
/** CI never writes: a snapshot only counts once someone has read it. */
export const updateSnapshots = flag('UPDATE_SNAPSHOTS') && !inCi;

const UPDATE_HINT = 'UPDATE_SNAPSHOTS=1 npm test (or npm run test:update-snapshots), then review the diff';

/** What happened to the file: compared, or written (first run outside CI, or an update). */
export type SnapshotOutcome = 'matched' | 'written' | 'updated';

export function matchSnapshot(file: string, actual: string): SnapshotOutcome {
  const shown = path.relative(repoRoot, file);
  const exists = fs.existsSync(file);
  if (!exists) {
    assert.ok(!inCi, `missing snapshot ${shown}: run ${UPDATE_HINT} and commit it`);
    fs.writeFileSync(file, actual);
    return 'written';
  }
  const expected = fs.readFileSync(file, 'utf8');
  if (expected === actual) return 'matched';
  if (updateSnapshots) {
    fs.writeFileSync(file, actual);
    return 'updated';
  }
  assert.equal(actual, expected, `findings differ from ${shown}; if the change is intended: ${UPDATE_HINT}`);
  return 'matched';
}
