// SARIF 2.1.0 as GitHub code scanning reads it: rule metadata in the driver, results with relative URIs
// under %SRCROOT% and 1-based regions in UTF-16 columns.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { INFORMATION_URI } from '../../core/rules/shared/docs-url';
import type { Rule } from '../../core/rules/types';
import type { Severity } from '../../core/types';
import type { ReportedFinding, ReportedNotice } from '../report';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type SarifLevel = 'error' | 'warning' | 'note';
const levels: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** Relative paths become URI references (each segment percent-encoded); paths outside the folder, file: URIs. */
function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (path.isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

/**
 * Notices are not results of a rule: SARIF's place for them is the invocation's tool execution notifications
 * (GitHub shows them in the analysis' tool status); an error among them marks the run unsuccessful.
 */
function invocation(notices: readonly ReportedNotice[]): object {
  return {
    executionSuccessful: !notices.some((n) => n.severity === 'error'),
    toolExecutionNotifications: notices.map((n) => ({
      level: levels[n.severity],
      message: { text: n.message },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(n.file), ...(n.line === undefined ? {} : { region: { startLine: n.line } }) } }],
    })),
  };
}

export function formatSarif(findings: readonly ReportedFinding[], rules: readonly Rule[], version: string, notices: readonly ReportedNotice[] = []): string {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.meta.id, index]));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'alembic-lint',
            informationUri: INFORMATION_URI,
            version,
            semanticVersion: version,
            rules: rules.map((rule) => ({
              id: rule.meta.id,
              name: rule.meta.id,
              shortDescription: { text: rule.meta.summary },
              helpUri: rule.meta.docsUrl,
              defaultConfiguration: { level: levels[rule.meta.defaultSeverity], ...(rule.meta.enabledByDefault === false ? { enabled: false } : {}) },
            })),
          },
        },
        invocations: [invocation(notices)],
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => ({
          ruleId: f.rule,
          ...(ruleIndex.has(f.rule) ? { ruleIndex: ruleIndex.get(f.rule) } : {}),
          level: levels[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: artifactLocation(f.file),
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
