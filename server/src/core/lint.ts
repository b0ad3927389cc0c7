// Runs the enabled rules over one file and applies suppression comments.
import type { LintConfig } from './config';
import type { RevisionGraph } from './graph/types';
import { migrationFunctions } from './migration/functions';
import { rules } from './rules';
import type { Rule, RuleScope, SchemaContext } from './rules/types';
import { offsetToPosition, outsideLineBreak } from './text';
import type { FileBase, Finding, MigrationFile, Operation, Range, Severity } from './types';

export function severityOf(rule: Rule, config: LintConfig): Severity | undefined {
  const setting = config.rules[rule.meta.id] ?? rule.meta.defaultSeverity;
  return setting === 'off' ? undefined : setting;
}

/**
 * Findings of the rules of one scope for one file. File-scope results depend only on the file's text, its text in
 * the base (`context.base`) and the config; graph-scope results also on the location's graph; schema-scope results
 * on the schema before the file's revision: callers cache the three separately.
 */
export function lintFile(
  file: MigrationFile,
  graph: RevisionGraph | undefined,
  config: LintConfig,
  scope: RuleScope,
  context: { schema?: SchemaContext | undefined; base?: FileBase | undefined } = {},
): Finding[] {
  const { schema, base } = context;
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (rule.meta.scope !== scope) continue;
    const severity = severityOf(rule, config);
    if (!severity || isSuppressedForFile(file, rule.meta.id)) continue;
    try {
      rule.check({
        file,
        graph,
        ...(schema ? { schema } : {}),
        ...(base ? { base } : {}),
        report: (r) => {
          const range = { start: outsideLineBreak(file.text, r.range.start), end: outsideLineBreak(file.text, r.range.end) };
          const finding: Finding = { rule: rule.meta.id, severity, message: r.message, file: file.path, range, fixes: r.fixes ?? [] };
          if (!isSuppressedAt(file, finding)) findings.push(finding);
        },
      });
    } catch (error) {
      // A rule bug must not hide the other rules' findings, nor crash the server or the CLI.
      findings.push({
        rule: rule.meta.id,
        severity: 'error',
        message: `Internal error in rule ${rule.meta.id}: ${error instanceof Error ? error.message : String(error)}`,
        file: file.path,
        range: { start: 0, end: 0 },
        fixes: [],
      });
    }
  }
  return findings;
}

function isSuppressedForFile(file: MigrationFile, rule: string): boolean {
  const ids = file.suppressions.file;
  return ids.has('*') || ids.has(rule);
}

function suppressedOnLine(file: MigrationFile, line: number, rule: string): boolean {
  const ids = file.suppressions.lines.get(line);
  return ids !== undefined && (ids.has('*') || ids.has(rule));
}

/**
 * A comment suppresses its own line and the next (the parser records both). A finding inside a multi-line
 * call (SQL in a triple-quoted string) is also suppressed by a comment at or above the call's first line.
 */
function isSuppressedAt(file: MigrationFile, finding: Finding): boolean {
  if (file.suppressions.lines.size === 0) return false;
  const line = offsetToPosition(file.lineStarts, finding.range.start).line;
  if (suppressedOnLine(file, line, finding.rule)) return true;
  const op = enclosingOperation(file, finding.range);
  if (!op) return false;
  const opLine = offsetToPosition(file.lineStarts, op.range.start).line;
  return opLine !== line && suppressedOnLine(file, opLine, finding.rule);
}

function enclosingOperation(file: MigrationFile, range: Range): Operation | undefined {
  for (const fn of migrationFunctions(file)) {
    // A multi-database dispatcher's operations lie in its engine functions, outside its own range.
    if (!fn.engines && (range.start < fn.range.start || range.start > fn.range.end)) continue;
    const op = fn.ops.find((o) => o.range.start <= range.start && range.end <= o.range.end);
    if (op || !fn.engines) return op;
  }
  return undefined;
}
