// What a failed Alembic run said, in one or two lines: PostgreSQL's or Alembic's own message from the end of the
// traceback (`psycopg2.errors.DuplicateTable: relation "orders" already exists`), without SQLAlchemy's wrapping,
// the statement it echoes or its link; and the line of the revision's file the traceback passed through.

export interface FailureReport {
  message: string;
  /** 1-based line of the innermost frame in the revision's file; null when the traceback does not pass through it. */
  line: number | null;
}

const FRAME = /^\s*File "(.+)", line (\d+), in /;
/** `package.module.SomeError: message` or a bare `KeyboardInterrupt`, at the start of the line. */
const EXCEPTION = /^([A-Za-z_][\w.]*)(?:: (.*))?$/;
/** SQLAlchemy wraps the driver's error: `sqlalchemy.exc.ProgrammingError: (psycopg2.errors.DuplicateTable) ...`. */
const WRAPPED = /^sqlalchemy\.exc\.\w+: \(([\w.]+)\) ?(.*)$/;
/** Lines of a PostgreSQL message worth keeping after its first: the detail and the hint. */
const KEPT = /^(DETAIL|HINT): /;

/**
 * `sameFile` says whether a frame's path is the revision's file (the caller knows how paths compare on the machine).
 * `output` is the run's stderr and stdout together.
 */
export function readFailure(output: string, sameFile: (framePath: string) => boolean): FailureReport {
  const lines = output.split(/\r?\n/);
  let line: number | null = null;
  for (const text of lines) {
    const frame = FRAME.exec(text);
    if (frame && sameFile(frame[1]!)) line = Number(frame[2]);
  }
  return { message: exceptionMessage(lines) ?? commandMessage(lines) ?? lastLine(lines), line };
}

/** The last exception line after a traceback, with what PostgreSQL added to it (DETAIL, HINT). */
function exceptionMessage(lines: string[]): string | undefined {
  let inTraceback = false;
  let found: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    if (text.startsWith('Traceback (most recent call last):')) inTraceback = true;
    else if (inTraceback && !/^\s/.test(text) && text !== '' && EXCEPTION.test(text)) {
      found = i;
      inTraceback = false;
    }
  }
  if (found === undefined) return undefined;
  const first = lines[found]!;
  const wrapped = WRAPPED.exec(first);
  const head = wrapped ? `${wrapped[1]}: ${wrapped[2]}`.trimEnd() : first;
  const extra: string[] = [];
  for (let i = found + 1; i < lines.length; i++) {
    const text = lines[i]!;
    if (text === '' || text.startsWith('[SQL:') || text.startsWith('(Background on this error')) break;
    if (KEPT.test(text)) extra.push(text.trim());
  }
  return [head, ...extra].join('\n');
}

/** Alembic's own refusals have no traceback: `FAILED: Ambiguous walk` (alembic), `error: ...` (a migrate.py). */
function commandMessage(lines: string[]): string | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const match = /^(?:FAILED|error|ERROR): (.*)$/.exec(lines[i]!);
    if (match) return match[1]!.trim();
  }
  return undefined;
}

function lastLine(lines: string[]): string {
  const meaningful = lines.filter((text) => text.trim() !== '' && !/^INFO\s+\[/.test(text));
  return meaningful[meaningful.length - 1]?.trim() ?? 'the command failed without saying why';
}
