// `alembic-lint check`: load the folders, lint, and collect what to print.
import * as path from 'node:path';
import type { ConfigProblem } from '../core/config';
import type { FileSystem } from '../core/fs';
import { migrationFunctions } from '../core/migration/functions';
import { unanalysedSql } from '../core/migration/unanalysed-sql';
import type { ProjectNotice } from '../core/types';
import type { ParseAheadOptions } from '../host/parse/parse-pool';
import type { CheckCommand } from './args';
import { applyBases } from './base';
import { UsageError } from './errors';
import { compareReported, dedupeByPlace, dedupeNotices, displayPath, reportFinding, type ReportedFinding, type RunCounts } from './report';
import { loadTargets, parsingNotes, reportedFiles, resolveTargets } from './targets';

export interface CheckResult {
  findings: ReportedFinding[];
  /** Files reported, the SQL in them that could not be analysed, files left out by --only-changed. */
  counts: RunCounts;
  /** Problems in the configuration file, printed as warnings. */
  configProblems: ConfigProblem[];
  /** Files given as arguments that could not be read (and are no migration, which would have a finding). */
  unreadable: string[];
  /** What the scans found besides findings (links not followed, a broken alembic.ini); an error fails the run. */
  notices: ProjectNotice[];
  /** Lines about the git base (missing, or with --verbose which), for stderr. */
  baseNotes: string[];
  /** With --verbose: how the files were parsed (worker threads), for stderr. */
  parsingNotes: string[];
}

export async function runCheck(fs: FileSystem, command: CheckCommand, cwd: string, parsing: ParseAheadOptions = {}): Promise<CheckResult> {
  const targets = resolveTargets(fs, command.paths, cwd);
  const options = {
    overrides: { rules: command.rules, ...(command.base !== undefined ? { base: command.base } : {}), ...(command.onlyChanged ? { onlyChanged: true } : {}) },
    ...(command.configFile !== undefined ? { configFile: resolveConfigFile(fs, command.configFile, cwd) } : {}),
  };
  const { loaded, problems, parsed } = await loadTargets(fs, targets, options, parsing);
  // A bad --rule is a mistake on the command line, not a warning to scroll past in CI.
  const flagProblem = problems.find((p) => p.source === 'settings');
  if (flagProblem) throw new UsageError(`--rule: ${flagProblem.message}`);
  // So is a file named with --config that does not say what was meant (not TOML, `rules = 5`, a bad severity):
  // the run would use other settings. A setting it does not know stays a warning (it may be a newer version's).
  const configProblem = options.configFile === undefined ? undefined : problems.find((p) => p.source === options.configFile && !p.unknownSetting);
  if (configProblem) {
    const where = `${displayPath(configProblem.source, cwd)}${configProblem.line === undefined ? '' : `:${configProblem.line}`}`;
    throw new UsageError(`--config ${where}: ${configProblem.message}`);
  }

  const baseNotes = applyBases(loaded.map(({ project }) => project), { verbose: command.verbose });
  const findings: ReportedFinding[] = [];
  const unreadable: string[] = [];
  const counts: RunCounts = { files: 0, unchanged: 0, notAnalysed: { runTime: 0, tooComplex: 0 } };
  for (const { file, project } of reportedFiles(loaded)) {
    const migration = project.workspace.file(file);
    if (migration && project.config.onlyChanged && !project.workspace.changedSinceBase(file)) {
      counts.unchanged++;
      continue;
    }
    counts.files++;
    if (!migration) {
      // A file argument that is not a migration has nothing to report; one that cannot be read must say so.
      if (fs.readFile(file) === undefined) unreadable.push(displayPath(file, cwd));
      continue;
    }
    for (const finding of project.workspace.findings(file)) findings.push(reportFinding(finding, migration.lineStarts, cwd));
    const { runTime, tooComplex } = unanalysedSql(migrationFunctions(migration));
    counts.notAnalysed.runTime += runTime;
    counts.notAnalysed.tooComplex += tooComplex;
  }
  return {
    findings: findings.sort(compareReported),
    counts,
    configProblems: dedupeByPlace(problems, (p) => p.source),
    unreadable,
    notices: dedupeNotices(loaded.flatMap(({ project }) => project.workspace.notices())),
    baseNotes,
    parsingNotes: command.verbose ? parsingNotes(parsed) : [],
  };
}

function resolveConfigFile(fs: FileSystem, file: string, cwd: string): string {
  const absolute = path.resolve(cwd, file);
  if (fs.readFile(absolute) === undefined) throw new UsageError(`cannot read the configuration file ${file}`);
  return absolute;
}
