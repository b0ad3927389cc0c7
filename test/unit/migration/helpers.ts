// Shared by the migration tests: parser start-up, parsing with an observable SQL layer, and lookups.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before } from 'node:test';
import assert from 'node:assert/strict';
import { initParsers } from '../../../server/src/host/parsers';
import { parseMigration } from '../../../server/src/core/migration';
import type { SqlOptions } from '../../../server/src/core/sql';
import type { ApiOperation, MigrationFile, Operation, SqlOperation, SqlText } from '../../../server/src/core/types';

/** Registers the parser start-up for the calling test file. */
export function useParsers(): void {
  before(() => initParsers());
}

export interface SqlCall {
  sql: string;
  options: SqlOptions;
}

/** Parses with a recording SQL layer, so tests see what the SQL layer would be given. */
export function parse(text: string, calls: SqlCall[] = []): MigrationFile {
  return parseMigration('/project/versions/0001_test.py', text, {
    analyzeSql: (sql: SqlText, options: SqlOptions) => {
      calls.push({ sql: sql.text, options });
      return { statements: [] };
    },
  });
}

/** A migration whose upgrade() body is `body` (indented by four spaces per line). */
export function inUpgrade(body: string, prelude = ''): string {
  const indented = body
    .split('\n')
    .map((line) => (line === '' ? line : `    ${line}`))
    .join('\n');
  return `${prelude}revision = "0001"\ndown_revision = None\n\n\ndef upgrade():\n${indented}\n\n\ndef downgrade():\n    pass\n`;
}

export function upgradeOps(file: MigrationFile): Operation[] {
  assert.ok(file.upgrade, 'upgrade() not found');
  return file.upgrade.ops;
}

export function onlySqlOp(text: string): SqlOperation {
  const ops = upgradeOps(parse(text));
  assert.equal(ops.length, 1, `expected one operation, got ${JSON.stringify(ops.map((o) => o.kind))}`);
  const op = ops[0]!;
  assert.equal(op.kind, 'sql');
  return op as SqlOperation;
}

export function onlyApiOp(text: string): ApiOperation {
  const ops = upgradeOps(parse(text));
  assert.equal(ops.length, 1, `expected one operation, got ${JSON.stringify(ops)}`);
  const op = ops[0]!;
  assert.equal(op.kind, 'api', JSON.stringify(op));
  return op as ApiOperation;
}

/** Offset of the `occurrence`-th (0-based) `needle` in `text`; fails when absent. */
export function offsetOf(text: string, needle: string, occurrence = 0): number {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `${JSON.stringify(needle)} #${occurrence} not in text`);
  }
  return at;
}

/** The folder holding package.json above the compiled tests, else above the working directory. */
function repoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error('package.json not found above the tests or the working directory');
}

export function readFixture(name: string): string {
  return fs.readFileSync(path.join(repoRoot(), 'test/fixtures/migration', name), 'utf8');
}
