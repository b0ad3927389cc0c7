// The interpreter verify runs the project's migrations with: --python when given, else the extension's search
// (common/interpreter-search.ts: a virtualenv beside the project, python3 and python on PATH, /usr/bin/python3),
// each candidate asked by the host's probe whether it imports alembic and the driver the URL needs.
import * as fs from 'node:fs';
import { candidateName, chooseInterpreter, installHint, interpreterCandidates, probeSummary, type DriverNeed, type InterpreterCandidate } from '../../../../common/interpreter-search';
import { findOnPath, probeInterpreter } from '../interpreter-probe';
import { CannotRunError } from './scratch';

/** The interpreter to run, or CannotRunError with what was tried and what to install. */
export async function chooseVerifyInterpreter(o: { python?: string; projectDir: string; driver?: DriverNeed; env?: NodeJS.ProcessEnv }): Promise<string> {
  const env = o.env ?? process.env;
  const given: InterpreterCandidate[] | undefined = o.python === undefined ? undefined : [{ kind: 'setting', executable: findOnPath(o.python, env) ?? o.python, origin: '--python' }];
  const candidates = given ?? interpreterCandidates({ projectDir: o.projectDir, exists: fs.existsSync, onPath: (name) => findOnPath(name, env), ...(env['HOME'] ? { home: env['HOME'] } : {}) });
  const choice = await chooseInterpreter(candidates, (candidate) => probeInterpreter(candidate.executable), o.driver);
  if (choice.status === 'ready' && choice.chosen) return choice.chosen.candidate.executable;
  const driver = o.driver?.module ?? 'psycopg2';
  const tried = choice.probed.map((p) => `  ${candidateName(p.candidate)}: ${probeSummary(p.result)}`).join('\n');
  const hint = installHint(choice);
  const what = given ? `--python ${o.python} cannot run the migrations` : `no Python interpreter found here can import alembic and ${driver}`;
  throw new CannotRunError(
    `${what}. Tried:\n${tried}\nInstall them (${hint.command}), or name an interpreter that has them with --python PATH.`,
  );
}
