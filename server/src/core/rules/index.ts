// The rule registry, in id order. The server, the CLI, the docs check and the tests all read it.
import type { Severity } from '../types';
import { concurrentlyInTransaction } from './concurrently-in-transaction';
import { docstringMismatch } from './docstring-mismatch';
import { downgradeNotSymmetric } from './downgrade-not-symmetric';
import { duplicateRevision } from './duplicate-revision';
import { missingDowngrade } from './missing-downgrade';
import { multipleHeads } from './multiple-heads';
import { pythonSyntax } from './python-syntax';
import { requireIfExists } from './require-if-exists';
import { requireIfNotExists } from './require-if-not-exists';
import { revisionCycle } from './revision-cycle';
import { sqlSyntax } from './sql-syntax';
import { sqlTooComplex } from './sql-too-complex';
import { ruleDocsUrl } from './shared/docs-url';
import type { Rule, RuleDefinition } from './types';
import { unknownDownRevision } from './unknown-down-revision';

const definitions: readonly RuleDefinition[] = [
  concurrentlyInTransaction,
  docstringMismatch,
  downgradeNotSymmetric,
  duplicateRevision,
  missingDowngrade,
  multipleHeads,
  pythonSyntax,
  requireIfExists,
  requireIfNotExists,
  revisionCycle,
  sqlSyntax,
  sqlTooComplex,
  unknownDownRevision,
];

export const rules: readonly Rule[] = definitions.map((rule) => ({ ...rule, meta: { ...rule.meta, docsUrl: ruleDocsUrl(rule.meta.id) } }));

export function ruleDefaults(): Map<string, Severity> {
  return new Map(rules.map((r) => [r.meta.id, r.meta.defaultSeverity]));
}

export function ruleById(id: string): Rule | undefined {
  return rules.find((r) => r.meta.id === id);
}
