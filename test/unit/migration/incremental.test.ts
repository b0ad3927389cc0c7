// Incremental re-parsing must give exactly what a fresh parse gives, whatever the edit.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { DocumentTrees, parseMigration } from '../../../server/src/core/migration';
import { editBetween } from '../../../server/src/core/migration/incremental';
import { initParsers } from '../../../server/src/host/parsers';
import { mutate, random } from '../../helpers/mutate';
import { fixturePath } from '../../helpers/repo';

before(() => initParsers());

function snapshot(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Set ? [...v].sort() : v instanceof Map ? [...v].sort() : v));
}

test('1,500 successive edits of open documents: the incremental parse equals a fresh parse every time', () => {
  const dir = fixturePath('rules', 'missing-downgrade', 'invalid');
  const seeds = fs.readdirSync(dir).filter((n) => n.endsWith('.py')).map((n) => fs.readFileSync(path.join(dir, n), 'utf8'));
  const rand = random(424242);
  const trees = new DocumentTrees();
  try {
    for (const [doc, seed] of seeds.entries()) {
      const file = `/ws/versions/doc_${doc}.py`;
      let text = seed;
      for (let i = 0; i < 300; i++) {
        // Small edits (typing) most of the time, now and then a larger mutation or a return to the original.
        text = i % 50 === 49 ? seed : rand() < 0.8 ? typeOneChar(text, rand) : mutate(text, rand);
        const incremental = trees.parse(file, text);
        const fresh = parseMigration(file, text);
        assert.equal(snapshot(incremental), snapshot(fresh), `document ${doc}, edit ${i}:\n${text}`);
      }
    }
  } finally {
    trees.dispose();
  }
});

function typeOneChar(text: string, rand: () => number): string {
  const at = Math.floor(rand() * (text.length + 1));
  if (rand() < 0.3 && text.length > 0) return text.slice(0, at) + text.slice(at + 1);
  const chars = 'abc ()"\'\n_=:,é😀';
  const ch = [...chars][Math.floor(rand() * [...chars].length)]!;
  return text.slice(0, at) + ch + text.slice(at);
}

test('edits of a long document, at the start, the end and around every 256th character: the incremental parse equals a fresh parse', () => {
  const statements = Array.from({ length: 40 }, (_, i) => `    op.execute("CREATE TABLE IF NOT EXISTS t_${i} (id int)")`);
  const seed = `revision = "0001"\ndown_revision = None\n\n\ndef upgrade():\n${statements.join('\n')}\n\n\ndef downgrade():\n    pass\n`;
  const offsets = [0, seed.length, seed.length - 1];
  for (let block = 256; block < seed.length; block += 256) offsets.push(block - 1, block, block + 1, seed.length - block);
  const trees = new DocumentTrees();
  try {
    for (const at of offsets) {
      // One character typed, then taken back: each text differs from the one before it at `at` only.
      for (const text of [seed.slice(0, at) + 'x' + seed.slice(at), seed]) {
        const incremental = trees.parse('/ws/versions/long.py', text);
        assert.equal(snapshot(incremental), snapshot(parseMigration('/ws/versions/long.py', text)), `edit at ${at}`);
      }
    }
  } finally {
    trees.dispose();
  }
});

test('the edit between two long texts is their one changed span, wherever it falls against the blocks compared at once', () => {
  const seed = Array.from({ length: 60 }, (_, i) => `    op.execute("SELECT ${i}")  # é😀`).join('\n');
  for (let at = 0; at <= seed.length; at++) {
    for (const [before, after] of [
      [seed, seed.slice(0, at) + 'xy\n' + seed.slice(at)],
      [seed, seed.slice(0, at) + seed.slice(at + 5)],
      [seed, seed.slice(0, at) + 'Z' + seed.slice(at + 1)],
    ] as const) {
      const edit = editBetween(before, after);
      // One character at a time, the obvious way.
      let prefix = 0;
      while (prefix < Math.min(before.length, after.length) && before[prefix] === after[prefix]) prefix++;
      let suffix = 0;
      while (suffix < Math.min(before.length, after.length) - prefix && before.at(-1 - suffix) === after.at(-1 - suffix)) suffix++;
      const expected = { startIndex: prefix, oldEndIndex: before.length - suffix, newEndIndex: after.length - suffix };
      assert.deepEqual({ startIndex: edit.startIndex, oldEndIndex: edit.oldEndIndex, newEndIndex: edit.newEndIndex }, expected, `change at ${at}`);
      const line = before.slice(0, prefix).split('\n');
      assert.deepEqual(edit.startPosition, { row: line.length - 1, column: line.at(-1)!.length });
    }
  }
});
