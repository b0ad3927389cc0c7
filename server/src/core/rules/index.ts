// The rule registry, in id order. The server, the CLI, the docs check and the tests all read it.
import type { RuleSetting } from '../config';
import { appliedMigrationModified } from './applied-migration-modified';
import { concurrentlyInTransaction } from './concurrently-in-transaction';
import { docstringMismatch } from './docstring-mismatch';
import { downgradeNotSymmetric } from './downgrade-not-symmetric';
import { duplicateRevision } from './duplicate-revision';
import { foreignKeyOrder } from './foreign-key-order';
import { irreversibleDataMigration } from './irreversible-data-migration';
import { missingDowngrade } from './missing-downgrade';
import { multipleHeads } from './multiple-heads';
import { pythonSyntax } from './python-syntax';
import { requireIfExists } from './require-if-exists';
import { requireIfNotExists } from './require-if-not-exists';
import { revisionCycle } from './revision-cycle';
import { schemaConflict } from './schema-conflict';
import { sqlSyntax } from './sql-syntax';
import { sqlTooComplex } from './sql-too-complex';
import { ruleDocsUrl } from './shared/docs-url';
import type { Rule, RuleDefinition, RuleScope } from './types';
import { unknownDownRevision } from './unknown-down-revision';

const definitions: readonly RuleDefinition[] = [
  appliedMigrationModified,
  concurrentlyInTransaction,
  docstringMismatch,
  downgradeNotSymmetric,
  duplicateRevision,
  foreignKeyOrder,
  irreversibleDataMigration,
  missingDowngrade,
  multipleHeads,
  pythonSyntax,
  requireIfExists,
  requireIfNotExists,
  revisionCycle,
  schemaConflict,
  sqlSyntax,
  sqlTooComplex,
  unknownDownRevision,
];

export const rules: readonly Rule[] = definitions.map((rule) => ({ ...rule, meta: { ...rule.meta, docsUrl: ruleDocsUrl(rule.meta.id) } }));

/** Each rule's setting when nothing configures it: its default severity, or 'off' for a rule off by default. */
export function ruleDefaults(where: 'cli' | 'editor' = 'cli'): Map<string, RuleSetting> {
  const severity = (r: Rule): RuleSetting => (where === 'editor' ? (r.meta.editorSeverity ?? r.meta.defaultSeverity) : r.meta.defaultSeverity);
  return new Map(rules.map((r) => [r.meta.id, r.meta.enabledByDefault === false ? 'off' : severity(r)]));
}

export function rulesOfScope(scope: RuleScope): Rule[] {
  return rules.filter((r) => r.meta.scope === scope);
}

export function ruleById(id: string): Rule | undefined {
  return rules.find((r) => r.meta.id === id);
}
