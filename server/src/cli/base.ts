// The git base each project of a check is compared with: read when applied-migration-modified or --only-changed
// needs it, handed to the project's workspace, and told to the user in a line when it is missing (or, with
// --verbose, which it is).
import { severityOf } from '../core/lint';
import { ruleById } from '../core/rules';
import { appliedMigrationModified } from '../core/rules/applied-migration-modified';
import { readProjectBase } from '../host/git';
import type { Project } from '../host/project';

const RULE_ID = appliedMigrationModified.meta.id;

export interface BaseOptions {
  verbose: boolean;
}

/**
 * Sets each project's base from git. Returns the lines to print on stderr, each once (projects in one repository
 * share their base). A missing base is said when it was asked for (`--base`, `base =`, `--only-changed`) or with
 * --verbose; without a ref, a folder outside git simply runs without the rule.
 */
export function applyBases(projects: readonly Project[], options: BaseOptions): string[] {
  const notes = new Set<string>();
  const rule = ruleById(RULE_ID)!;
  for (const project of projects) {
    const { config } = project;
    const ruleOn = severityOf(rule, config) !== undefined;
    if (!ruleOn && !config.onlyChanged) {
      if (options.verbose) notes.add(`base: none read (${RULE_ID} is off, and only-changed is not set)`);
      continue;
    }
    const result = readProjectBase(project.root, project.workspace.paths(), config.base);
    if ('problem' in result) {
      project.workspace.setBase(undefined);
      if (ruleOn && (config.base !== undefined || config.onlyChanged || options.verbose)) notes.add(`${RULE_ID} skipped: ${result.problem}`);
      if (config.onlyChanged) notes.add(`only-changed ignored, every file is reported: ${result.problem}`);
      continue;
    }
    project.workspace.setBase(result.base);
    if (options.verbose) notes.add(`base: ${result.description}`);
  }
  return [...notes];
}
