// alembic-lint: the linter for CI and the terminal. Exit 0: no error-level finding; 1: at least one;
// 2: usage or internal error. verify: 0 every revision ok, 1 one is not, 2 verify cannot run (VERIFY_EXIT).
import { parseCommandLine, HELP, type CheckCommand } from './cli/args';
import { runCheck } from './cli/check';
import { UsageError } from './cli/errors';
import { formatGithub } from './cli/formats/github';
import { formatJson } from './cli/formats/json';
import { formatSarif } from './cli/formats/sarif';
import { formatText } from './cli/formats/text';
import { runGraph } from './cli/graph';
import { runSchema } from './cli/schema';
import { CannotRunError } from './host/verify/errors';
import type * as VerifyModule from './cli/verify';
import { noticeLine, reportNotice } from './cli/report';
import type { ProjectNotice } from './core/types';
import { packageVersion } from './cli/version';
import { parsingOptions } from './cli/workers';
import { initParsers } from './host/parsers';
import { rules } from './core/rules';
import { NodeFileSystem } from './host/node-fs';

function printNotices(notices: readonly ProjectNotice[]): void {
  for (const notice of notices) process.stderr.write(`${noticeLine(notice, process.cwd())}\n`);
}

function useColour(command: CheckCommand): boolean {
  const noColor = process.env['NO_COLOR'];
  return command.color && process.stdout.isTTY === true && (noColor === undefined || noColor === '');
}

async function check(command: CheckCommand): Promise<number> {
  await initParsers();
  const result = await runCheck(new NodeFileSystem(), command, process.cwd(), parsingOptions(process.env));
  for (const problem of result.configProblems) {
    const line = noticeLine({ file: problem.source, ...(problem.line === undefined ? {} : { line: problem.line }), severity: 'warning', message: problem.message }, process.cwd());
    process.stderr.write(`${line}\n`);
  }
  printNotices(result.notices);
  for (const note of [...result.baseNotes, ...result.parsingNotes]) process.stderr.write(`${note}\n`);
  for (const file of result.unreadable) process.stderr.write(`${file}: error: cannot read the file\n`);
  // Probably a wrong path in a CI script: say so rather than report a clean run silently.
  if (result.counts.files + result.counts.unchanged === 0) process.stderr.write(`warning: no Alembic migration files found in ${command.paths.join(', ')}\n`);
  const notices = result.notices.map((n) => reportNotice(n, process.cwd()));
  const output = {
    text: () => formatText(result.findings, result.counts, useColour(command), result.notices.map((n) => n.severity)),
    json: () => formatJson(result.findings, notices),
    sarif: () => formatSarif(result.findings, rules, packageVersion(), notices),
    github: () => formatGithub(result.findings, notices),
  }[command.format]();
  process.stdout.write(output);
  // A file named on the command line that cannot be read is an input error, like one that does not exist.
  if (result.unreadable.length > 0) return 2;
  return result.findings.some((f) => f.severity === 'error') || result.notices.some((n) => n.severity === 'error') ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const command = parseCommandLine(argv);
  switch (command.command) {
    case 'help':
      process.stdout.write(HELP);
      return 0;
    case 'version':
      process.stdout.write(`${packageVersion()}\n`);
      return 0;
    case 'check':
      return check(command);
    case 'graph': {
      await initParsers();
      const { output, notices } = await runGraph(new NodeFileSystem(), command, process.cwd(), parsingOptions(process.env));
      printNotices(notices);
      if (output === '') process.stderr.write(`warning: no Alembic migration files found in ${command.paths.join(', ')}\n`);
      process.stdout.write(output);
      return 0;
    }
    case 'schema': {
      await initParsers();
      const { output, notices } = await runSchema(new NodeFileSystem(), command, process.cwd(), parsingOptions(process.env));
      printNotices(notices);
      process.stdout.write(output);
      return 0;
    }
    case 'verify': {
      await initParsers();
      // Loaded only for verify: PGlite and pg need not weigh on every `check` a CI runs.
      const { runVerifyCommand } = require('./cli/verify') as typeof VerifyModule;
      return runVerifyCommand(new NodeFileSystem(), command, {
        cwd: process.cwd(),
        env: process.env,
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
        tty: process.stderr.isTTY === true,
      });
    }
  }
}

// `alembic-lint check | head`: the reader went away. Nothing more can be said to it; end as a closed pipe ends a
// Unix tool, without a stack trace (the exit status the run would have had is unknowable to the reader anyway).
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`alembic-lint: ${error.message}\nRun 'alembic-lint --help' for usage.\n`);
    } else if (error instanceof CannotRunError) {
      process.stderr.write(`alembic-lint: ${error.message}\n`);
    } else {
      const debug = process.env['ALEMBIC_LINT_DEBUG'] === '1';
      const detail = error instanceof Error ? (debug ? (error.stack ?? error.message) : error.message) : String(error);
      process.stderr.write(`alembic-lint: internal error: ${detail}\n`);
    }
    process.exitCode = 2;
  },
);
