// verify's problems as diagnostics, one list per revision file: at the statement's line when the CLI found it, else
// at `def upgrade` / `def downgrade` according to the step that failed (a downgrade's problem in downgrade(), the
// others in upgrade()). Errors for what breaks a deploy or a rollback (a failed step, a failure on re-run, a
// downgrade that leaves or loses an object); a warning for an object the downgrade restored differently (a type,
// a default): the schema works, but not as before. Pure: verify-service.ts turns these into vscode.Diagnostics.
import * as path from 'node:path';
import { verifyCode, type VerifyCode, type VerifyJson, type VerifyProblemJson, type VerifyStatus } from '../../../common/verify-json';
import { verifyDocsUrl } from '../../../common/docs-url';
import { functionDefLine } from '../alembic/revision-lines';

export interface VerifyDiagnostic {
  /** 0-based, like the range's characters. */
  line: number;
  startCharacter: number;
  endCharacter: number;
  severity: 'error' | 'warning';
  code: VerifyCode;
  /** docs/verify.md at the code's section. */
  href: string;
  message: string;
}

export interface VerifiedFile {
  /** Absolute. */
  file: string;
  revision: string;
  status: VerifyStatus;
  diagnostics: VerifyDiagnostic[];
}

/** Each revision verified, with its file made absolute against the CLI's working directory. */
export function verifiedFiles(json: VerifyJson, cwd: string, readText: (file: string) => string | undefined): VerifiedFile[] {
  return json.revisions.map((revision) => {
    const file = path.resolve(cwd, revision.file);
    const text = revision.problems.length > 0 ? readText(file) : undefined;
    return { file, revision: revision.revision, status: revision.status, diagnostics: revision.problems.map((problem) => problemDiagnostic(problem, text)) };
  });
}

export function problemDiagnostic(problem: VerifyProblemJson, text: string | undefined): VerifyDiagnostic {
  const lines = text?.split(/\r\n|\r|\n/) ?? [];
  const stated = problem.line !== null && problem.line >= 1 && (text === undefined || problem.line <= lines.length) ? problem.line - 1 : undefined;
  const line = stated ?? (text === undefined ? undefined : functionDefLine(text, problem.step === 'downgrade' ? 'downgrade' : 'upgrade')) ?? 0;
  // The line's text without its indentation: the underline starts at the statement, not at the margin.
  const lineText = lines[line] ?? '';
  const startCharacter = lineText.length - lineText.trimStart().length;
  const code = verifyCode(problem);
  return {
    line,
    startCharacter,
    endCharacter: Math.max(startCharacter, lineText.trimEnd().length),
    severity: problem.kind === 'changed' ? 'warning' : 'error',
    code,
    href: verifyDocsUrl(code),
    message: problemMessage(problem),
  };
}

const STEP_WORDS: Record<VerifyProblemJson['step'], string> = {
  upgrade: 'upgrade',
  downgrade: 'downgrade',
  reupgrade: 'upgrade after its downgrade',
  rerun: 're-run over its own schema',
};

/** "Verify (downgrade): the downgrade left it behind (column orders.status)": the object when the message does not name it. */
export function problemMessage(problem: VerifyProblemJson): string {
  const object = problem.object && !problem.message.includes(problem.object) ? ` (${problem.object})` : '';
  return `Verify (${STEP_WORDS[problem.step]}): ${problem.message}${object}`;
}
