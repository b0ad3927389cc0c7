// The snippets: valid JSON with prefix/body/description, guarded SQL, a downgrade counterpart for each create
// snippet, and a migration template whose mirrored placeholders keep the revision ids consistent.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { initParsers } from '../../../server/src/host/parsers';
import { lintText } from '../../helpers/lint';
import { repoRoot } from '../../helpers/repo';

interface Snippet {
  prefix: string;
  body: string[];
  description: string;
}

const SNIPPETS_PATH = './snippets/alembic.code-snippets';
const snippets = JSON.parse(fs.readFileSync(path.join(repoRoot, SNIPPETS_PATH), 'utf8')) as Record<string, Snippet>;

/**
 * Expands a snippet body the way VS Code does for the parts we use: `${n:default}` (nested), `$n` mirrors,
 * `$NAME` / `${NAME/regex/format/}` variables.
 */
function expand(body: string[], variables: Record<string, string>): string {
  const values = new Map<string, string>();
  let text = body.join('\n').replace(/\t/g, '    ');
  const variable = (name: string): string => {
    const value = variables[name];
    assert.ok(value !== undefined, `unexpected variable ${name}`);
    return value;
  };
  text = text.replace(/\$\{([A-Z_]+)\/((?:[^/\\]|\\.)*)\/((?:[^/\\]|\\.)*)\/\}/g, (_, name: string, regex: string, format: string) =>
    variable(name).replace(new RegExp(regex), format),
  );
  // Innermost placeholders first, so nested defaults are already plain text.
  for (let guard = 0; /\$\{\d+:[^{}]*\}/.test(text); guard++) {
    assert.ok(guard < 50, 'placeholders do not terminate');
    text = text.replace(/\$\{(\d+):([^{}]*)\}/g, (_, n: string, value: string) => {
      values.set(n, value);
      return value;
    });
  }
  return text.replace(/\$(\d+)/g, (_, n: string) => values.get(n) ?? '').replace(/\$([A-Z_]+)/g, (_, name: string) => variable(name));
}

const DATE_VARIABLES = { CURRENT_YEAR: '2026', CURRENT_MONTH: '03', CURRENT_DATE: '01', CURRENT_HOUR: '12', CURRENT_MINUTE: '00', CURRENT_SECOND: '00' };

/** Each create snippet with the drop snippet its description names. */
function pairs(): [string, string][] {
  return Object.keys(snippets)
    .filter((n) => n.startsWith('op-') && !n.startsWith('op-drop-'))
    .map((n) => [n, /\bop-drop-[\w-]+/.exec(snippets[n]!.description)?.[0] ?? '']);
}

function indent(code: string): string {
  return code.replace(/^(?=.)/gm, '    ');
}

function findingsOf(text: string): string[] {
  return lintText(text).map((f) => `${f.rule}: ${f.message}`);
}

before(() => initParsers());

test('package.json contributes the snippets file for Python', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    contributes: { snippets: { language: string; path: string }[] };
  };
  assert.deepEqual(manifest.contributes.snippets, [{ language: 'python', path: SNIPPETS_PATH }]);
});

test('every snippet has a prefix, a body and a description', () => {
  const names = Object.keys(snippets);
  for (const name of ['alembic-migration', 'op-create-table', 'op-add-column', 'op-create-index', 'op-create-index-concurrently', 'op-trgm-index']) {
    assert.ok(names.includes(name), `missing snippet ${name}`);
  }
  for (const [name, s] of Object.entries(snippets)) {
    assert.equal(s.prefix, name, `${name}: prefix`);
    assert.ok(Array.isArray(s.body) && s.body.length > 0 && s.body.every((l) => typeof l === 'string'), `${name}: body`);
    assert.ok(typeof s.description === 'string' && s.description.length > 10, `${name}: description`);
  }
});

test('the SQL is guarded: CREATE ... IF NOT EXISTS, DROP ... IF EXISTS', () => {
  for (const [name, s] of Object.entries(snippets)) {
    // CONCURRENTLY sits between the keyword and the guard: take it out so the guard follows directly.
    const sql = s.body.join('\n').replace(/ CONCURRENTLY\b/g, '');
    const creates = sql.match(/\b(?:CREATE (?:TABLE|INDEX|EXTENSION)|ADD COLUMN)\b(?! IF NOT EXISTS)/g) ?? [];
    const drops = sql.match(/\bDROP (?:TABLE|INDEX|EXTENSION|COLUMN)\b(?! IF EXISTS)/g) ?? [];
    assert.deepEqual([...creates, ...drops], [], `${name}: unguarded statements`);
  }
});

test('each create snippet names an existing downgrade counterpart that undoes it', () => {
  assert.ok(pairs().length >= 5);
  for (const [name, counterpart] of pairs()) {
    assert.ok(snippets[counterpart], `${name}: description names no existing op-drop-* snippet`);
    const up = expand(snippets[name]!.body, {});
    const down = expand(snippets[counterpart]!.body, {});
    const created = [...up.matchAll(/(?:CREATE (?:TABLE|INDEX(?: CONCURRENTLY)?|EXTENSION) IF NOT EXISTS|ADD COLUMN IF NOT EXISTS) (\w+)/g)].map((m) => m[1]);
    assert.ok(created.length > 0, `${name}: creates nothing`);
    for (const object of created) assert.match(down, new RegExp(`\\b${object}\\b`), `${counterpart} does not drop ${object}`);
    assert.equal(up.includes('autocommit_block()'), down.includes('autocommit_block()'), `${name}/${counterpart}: autocommit_block on both sides`);
  }
});

test('alembic-migration: ids from the file name, mirrored into the variables, exact inverse in downgrade()', () => {
  const text = expand(snippets['alembic-migration']!.body, { TM_FILENAME_BASE: '0006_add_invoices', ...DATE_VARIABLES });
  assert.match(text, /^"""add_invoices\n/);
  assert.match(text, /^Revision ID: 0006$/m);
  assert.match(text, /^revision = "0006"$/m);
  const revises = /^Revises: (\w+)$/m.exec(text)?.[1];
  assert.ok(revises);
  assert.match(text, new RegExp(`^down_revision = "${revises}"$`, 'm'));
  assert.match(text, /^Create Date: 2026-03-01 12:00:00$/m);
  assert.match(text, /^def upgrade\(\) -> None:\n {4}"""Apply the migration\."""$/m);
  assert.match(text, /^def downgrade\(\) -> None:\n {4}"""Revert the migration\."""$/m);
  const table = /CREATE TABLE IF NOT EXISTS (\w+)/.exec(text)?.[1];
  assert.ok(table);
  assert.match(text, new RegExp(`op\\.execute\\("DROP TABLE IF EXISTS ${table}"\\)`));
});

test('each create snippet in upgrade() with its counterpart in downgrade() is clean under the linter', () => {
  for (const [name, counterpart] of pairs()) {
    const up = expand(snippets[name]!.body, {});
    const down = expand(snippets[counterpart]!.body, {});
    const text =
      'from alembic import op\n\nrevision = "0001"\ndown_revision = None\n\n\n' +
      `def upgrade() -> None:\n${indent(up)}\n\n\ndef downgrade() -> None:\n${indent(down)}\n`;
    assert.deepEqual(findingsOf(text), [], `${name} + ${counterpart}:\n${text}`);
  }
});

test('alembic-migration expands to a clean migration (but for its placeholder parent)', () => {
  const text = expand(snippets['alembic-migration']!.body, { TM_FILENAME_BASE: '0006_add_invoices', ...DATE_VARIABLES });
  const findings = lintText(text, '/virtual/versions/0006_add_invoices.py');
  assert.deepEqual(
    findings.map((f) => f.rule),
    ['unknown-down-revision'],
    `expected only the unknown "YYYY" parent:\n${findings.map((f) => f.message).join('\n')}`,
  );
  assert.match(findings[0]!.message, /"YYYY"/);
});
