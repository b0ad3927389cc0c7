// Deterministic mutations of migration files, for the fuzz tests: the kinds of damage an editor sees mid-typing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixturePath, repoRoot } from './repo';

/** The fuzz tests' seeds: every rule fixture and the example project's migrations, in a stable order. */
export function fuzzCorpus(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.py')) files.push(fs.readFileSync(full, 'utf8'));
    }
  };
  walk(fixturePath('rules'));
  walk(path.join(repoRoot, 'examples', 'backend', 'database_migrations', 'versions'));
  return files;
}

/** A small seeded PRNG (mulberry32), so a failing case can be replayed from its seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = [
  '"', "'", '"""', "'''", '(', ')', '[', ']', '{', '}', ':', '\\', '\n', '\r\n', '\t', ' ', '#', '$$', ';', '--', '/*', '*/',
  'é', '😀', '\u0000', '\uFEFF', '\ud800', 'op.execute(', 'sa.text(', 'f"', 'r"', 'IF NOT EXISTS ', 'DROP TABLE ', 'CREATE INDEX CONCURRENTLY ',
  'def downgrade():\n', 'revision = "x"\n', 'down_revision = ("a", ', ':name', '%%', '%(x)s', '\\N{', '\\x4', '\\u00',
  'with op.get_context().autocommit_block():\n    ', '# alembic-lint: ignore[', 'Revises: ',
];

export function mutate(text: string, rand: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const at = () => Math.floor(rand() * (text.length + 1));
  let out = text;
  const steps = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < steps; i++) {
    const p = Math.min(at(), out.length);
    switch (Math.floor(rand() * 5)) {
      case 0: // delete a range
        out = out.slice(0, p) + out.slice(Math.min(out.length, p + Math.floor(rand() * 40)));
        break;
      case 1: // insert a tricky snippet
        out = out.slice(0, p) + pick(SNIPPETS) + out.slice(p);
        break;
      case 2: // duplicate a slice elsewhere
        out = out.slice(0, p) + out.slice(at(), at()) + out.slice(p);
        break;
      case 3: // truncate
        out = out.slice(0, p);
        break;
      default: // swap two lines
        {
          const lines = out.split('\n');
          const a = Math.floor(rand() * lines.length);
          const b = Math.floor(rand() * lines.length);
          [lines[a], lines[b]] = [lines[b]!, lines[a]!];
          out = lines.join('\n');
        }
    }
  }
  return out;
}
