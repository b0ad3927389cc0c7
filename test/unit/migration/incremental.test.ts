// Incremental re-parsing must give exactly what a fresh parse gives, whatever the edit.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { DocumentTrees, parseMigration } from '../../../server/src/core/migration';
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
