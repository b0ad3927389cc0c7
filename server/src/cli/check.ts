// `alembic-lint check`: load the folders, lint, and collect what to print.
import * as path from 'node:path';
import type { ConfigProblem } from '../core/config';
import type { FileSystem } from '../core/fs';
import type { ProjectNotice } from '../core/types';
import type { CheckCommand } from './args';
import { UsageError } from './errors';
import { compareReported, dedupeByPlace, dedupeNotices, displayPath, reportFinding, type ReportedFinding } from './report';
import { loadTargets, reportedFiles, resolveTargets } from './targets';

export interface CheckResult {
  findings: ReportedFinding[];
  /** Files linted (migration files of folder arguments, and the file arguments). */
  fileCount: number;
  /** Problems in the configuration file, printed as warnings. */
  configProblems: ConfigProblem[];
  /** Files given as arguments that could not be read (and are no migration, which would have a finding). */
  unreadable: string[];
  /** What the scans found besides findings (links not followed, a broken alembic.ini); an error fails the run. */
  notices: ProjectNotice[];
}

export function runCheck(fs: FileSystem, command: CheckCommand, cwd: string): CheckResult {
  const targets = resolveTargets(fs, command.paths, cwd);
  const options = {
    overrides: { rules: command.rules },
    ...(command.configFile !== undefined ? { configFile: resolveConfigFile(fs, command.configFile, cwd) } : {}),
  };
  const { loaded, problems } = loadTargets(fs, targets, options);
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

  const findings: ReportedFinding[] = [];
  const unreadable: string[] = [];
  const files = reportedFiles(loaded);
  for (const { file, project } of files) {
    const migration = project.workspace.file(file);
    if (!migration) {
      // A file argument that is not a migration has nothing to report; one that cannot be read must say so.
      if (fs.readFile(file) === undefined) unreadable.push(displayPath(file, cwd));
      continue;
    }
    for (const finding of project.workspace.findings(file)) findings.push(reportFinding(finding, migration.lineStarts, cwd));
  }
  return {
    findings: findings.sort(compareReported),
    fileCount: files.length,
    configProblems: dedupeByPlace(problems, (p) => p.source),
    unreadable,
    notices: dedupeNotices(loaded.flatMap(({ project }) => project.workspace.notices())),
  };
}

function resolveConfigFile(fs: FileSystem, file: string, cwd: string): string {
  const absolute = path.resolve(cwd, file);
  if (fs.readFile(absolute) === undefined) throw new UsageError(`cannot read the configuration file ${file}`);
  return absolute;
}
