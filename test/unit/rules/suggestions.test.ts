import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initParsers } from '../../../server/src/host/parsers';
import { lintSources } from '../../helpers/lint';

function migration(rev: string, down: string | null): string {
  return `from alembic import op\nrevision = "${rev}"\ndown_revision = ${down === null ? 'None' : `"${down}"`}\n\ndef upgrade():\n    op.execute("SELECT 1")\n\ndef downgrade():\n    op.execute("SELECT 1")\n`;
}

before(() => initParsers());

function unknownFindings(files: { path: string; text: string }[], file: string) {
  return lintSources(files).get(file)!.filter((f) => f.rule === 'unknown-down-revision');
}

test('unknown-down-revision suggests the one close id', () => {
  const files = [
    { path: '/p/versions/ae10.py', text: migration('ae10', null) },
    { path: '/p/versions/bf20.py', text: migration('bf20', 'ae10') },
    { path: '/p/versions/cc30.py', text: migration('cc30', 'bf21') },
  ];
  const [finding, ...rest] = unknownFindings(files, '/p/versions/cc30.py');
  assert.equal(rest.length, 0);
  assert.match(finding!.message, /did you mean "bf20"/);
  assert.deepEqual(finding!.fixes.map((f) => f.edits[0]!.newText), ['bf20']);
});

test('unknown-down-revision never suggests the file itself or a descendant (a cycle)', () => {
  const files = [
    { path: '/p/versions/ae10.py', text: migration('ae10', null) },
    { path: '/p/versions/cc30.py', text: migration('cc30', 'cc31') },
    { path: '/p/versions/cc32.py', text: migration('cc32', 'cc30') },
  ];
  const [finding] = unknownFindings(files, '/p/versions/cc30.py');
  assert.doesNotMatch(finding!.message, /did you mean/);
  assert.deepEqual(finding!.fixes, []);
});
