// Lints in-memory sources with the real core, without the file system: the rules' and fixes' tests use it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveConfig, type LintConfig } from '../../server/src/core/config';
import { buildGraph } from '../../server/src/core/graph/build';
import { adHocLocation } from '../../server/src/core/graph/locations';
import { lintFile } from '../../server/src/core/lint';
import { parseMigration } from '../../server/src/core/migration';
import { ruleDefaults, rules } from '../../server/src/core/rules';
import { SchemaHistory } from '../../server/src/core/schema';
import { schemaContextFor } from '../../server/src/core/schema/context';
import type { Finding, Fix, MigrationFile } from '../../server/src/core/types';

export interface Source {
  path: string;
  text: string;
  /** The file in the base revision (`BASE_REF`): null when it is new since; absent when there is no base. */
  base?: string | null;
}

/** What the tests call the base revision their `base` texts come from. */
export const BASE_REF = 'main';

export function defaultConfig(): LintConfig {
  return resolveConfig({}, ruleDefaults()).config;
}

/** Every rule on at its default severity, also those off by default: what a rule's own tests lint with. */
export function allRulesConfig(): LintConfig {
  return resolveConfig({}, new Map(rules.map((r) => [r.meta.id, r.meta.defaultSeverity]))).config;
}

/** Lints files that form one script location. */
export function lintSources(sources: Source[], config: LintConfig = defaultConfig()): Map<string, Finding[]> {
  const files: MigrationFile[] = sources.map((s) => parseMigration(s.path, s.text));
  const dir = path.dirname(sources[0]?.path ?? '/virtual/versions/x.py');
  const graph = buildGraph(adHocLocation(dir), files.filter((f) => f.isMigration));
  const revisions = new SchemaHistory().compute(graph);
  const result = new Map<string, Finding[]>();
  files.forEach((file, i) => {
    const schema = schemaContextFor(revisions, graph, file, {});
    const baseText = sources[i]!.base;
    const base = baseText === undefined ? undefined : { ref: BASE_REF, text: baseText };
    const findings = [...lintFile(file, graph, config, 'file', { base }), ...lintFile(file, graph, config, 'graph'), ...lintFile(file, graph, config, 'schema', { schema })];
    result.set(file.path, findings.sort((a, b) => a.range.start - b.range.start));
  });
  return result;
}

export function lintText(text: string, filePath = '/virtual/versions/0001_test.py'): Finding[] {
  return lintSources([{ path: filePath, text }]).get(filePath) ?? [];
}

/** Applies a fix's edits (non-overlapping) to a text. */
export function applyFix(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.range.start - a.range.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.range.start) + e.newText + out.slice(e.range.end);
  return out;
}

/**
 * Reads a fixture case: a .py file, or a folder of .py files forming one location. A folder's `history` file names
 * (relative to it) a folder of revisions many cases build on: they join the case as if they were in it. A folder's
 * `base` holds the files as the base revision (git) has them: a folder, or a file naming one (relative to the case)
 * that many cases share. A file of the case without a copy there is new since the base; a case without `base` has
 * no base.
 */
export function readCase(casePath: string): Source[] {
  if (fs.statSync(casePath).isDirectory()) {
    const pythonIn = (dir: string, as: string): Source[] =>
      fs
        .readdirSync(dir)
        .filter((n) => n.endsWith('.py'))
        .map((n) => ({ path: path.join(as, n), text: fs.readFileSync(path.join(dir, n), 'utf8') }));
    const historyFile = path.join(casePath, 'history');
    const shared = fs.existsSync(historyFile) ? pythonIn(path.resolve(casePath, fs.readFileSync(historyFile, 'utf8').trim()), casePath) : [];
    const sources = [...shared, ...pythonIn(casePath, casePath)].sort((a, b) => a.path.localeCompare(b.path));
    const baseEntry = path.join(casePath, 'base');
    if (!fs.existsSync(baseEntry)) return sources;
    const baseDir = fs.statSync(baseEntry).isDirectory() ? baseEntry : path.resolve(casePath, fs.readFileSync(baseEntry, 'utf8').trim());
    const baseTexts = new Map(pythonIn(baseDir, casePath).map((s) => [s.path, s.text]));
    return sources.map((s) => ({ ...s, base: baseTexts.get(s.path) ?? null }));
  }
  return [{ path: casePath, text: fs.readFileSync(casePath, 'utf8') }];
}

/**
 * 0-based lines carrying `expect: rule-a, rule-b` (a Python `#` comment or a SQL `--` comment), or named by
 * `expect@N: rule` (1-based line N: for lines that cannot hold a comment, such as docstring lines).
 */
export function expectedLines(text: string, rule: string): number[] {
  const lines = new Set<number>();
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    const m = /(?:#|--)\s*expect(?:@(\d+))?:\s*([\w\s,-]+)/.exec(line);
    if (m && m[2]!.split(',').map((s) => s.trim()).includes(rule)) lines.add(m[1] ? Number(m[1]) - 1 : i);
  });
  return [...lines].sort((a, b) => a - b);
}
