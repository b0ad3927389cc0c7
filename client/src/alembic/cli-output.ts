// Reading what Alembic (or a migrate.py around it) prints: the error worth showing, the revision that
// failed, the files a revision command generated.

const TRACEBACK = 'Traceback (most recent call last):';
// SQLAlchemy wraps the driver's exception: "(psycopg2.errors.SyntaxError) syntax error at ...".
const WRAPPED_DRIVER_ERROR = /^\(([\w.]+)\)\s*(.*)$/;

/**
 * The CLI's own error message as one clean line: the exception line of the last Python traceback
 * (`sqlalchemy.exc.ProgrammingError: (psycopg2.errors.SyntaxError) syntax error at or near "CREAT"` becomes
 * `SyntaxError: syntax error at or near "CREAT"`), else an `error:` / `FAILED:` line (migrate.py, argparse,
 * and Alembic's CLI, which prints FAILED on stdout), else an ERROR log line, else the last stderr line that
 * is not a log line.
 */
export function cliErrorMessage(stderr: string, stdout = ''): string | undefined {
  const errLines = stderr.split(/\r?\n/);
  const tracebackAt = errLines.lastIndexOf(TRACEBACK);
  if (tracebackAt !== -1) {
    const exception = errLines.slice(tracebackAt + 1).find((line) => line.trim() !== '' && !/^\s/.test(line));
    if (exception) return cleanException(exception);
  }
  const allLines = [...errLines, ...stdout.split(/\r?\n/)];
  return (
    lastMatch(allLines, /(?:^|:\s)(?:error|FAILED|ERROR):\s*(.*\S)/) ??
    lastMatch(allLines, /^(?:ERROR|CRITI|CRITICAL)\s+\[[^\]]*\]\s*(.*\S)/) ??
    lastMatch(errLines, /^(?!(?:INFO|WARNI|WARNING|DEBUG)\s+\[)(.*\S)/)
  );
}

/** The first group of the last line matching, one line. */
function lastMatch(lines: string[], pattern: RegExp): string | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const match = pattern.exec((lines[i] ?? '').trim());
    if (match?.[1]) return oneLine(match[1]);
  }
  return undefined;
}

function cleanException(line: string): string {
  const colon = line.indexOf(': ');
  if (colon === -1) return oneLine(line);
  const exceptionClass = line.slice(0, colon);
  const text = line.slice(colon + 2);
  const wrapped = WRAPPED_DRIVER_ERROR.exec(text);
  const [name, message] = wrapped ? [wrapped[1] ?? '', wrapped[2] ?? ''] : [exceptionClass, text];
  return oneLine(`${unqualified(name)}: ${message}`);
}

function unqualified(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

// "Running upgrade 0002 -> 0003, add status", "Running upgrade 0006, 0007 -> 0008, merge" (a merge point),
// "Running downgrade 0003 -> 0002, add status", "Running upgrade  -> 0001, create users" (from base).
const RUNNING_UPGRADE = /Running upgrade .*? -> ([^\s,]+)/;
const RUNNING_DOWNGRADE = /Running downgrade ([^\s,]+) -> /;

/**
 * The revision Alembic started last: when the command failed, the one that failed (Alembic logs the start
 * of each step, not its end). For a downgrade it is the revision being reverted.
 */
export function lastStartedRevision(output: string): string | undefined {
  let found: string | undefined;
  for (const line of output.split(/\r?\n/)) {
    const match = RUNNING_UPGRADE.exec(line) ?? RUNNING_DOWNGRADE.exec(line);
    if (match?.[1]) found = match[1];
  }
  return found;
}

/** Files `revision` / `merge` wrote: "Generating /abs/versions/0006_x.py ...  done". */
export function generatedFiles(output: string): string[] {
  return [...output.matchAll(/Generating (.+?) \.\.\.\s+done/g)].map((match) => match[1] ?? '').filter(Boolean);
}
