// What `alembic-lint verify` prints with --format json, and the progress lines it writes for the editor: one shape
// that the CLI produces and the client reads (the client runs the CLI in a child process, so PGlite's memory never
// weighs on the extension host).

/** The steps of one revision's verification, in the order they run. */
export type VerifyStep = 'upgrade' | 'downgrade' | 'reupgrade' | 'rerun';

/**
 * failed: the step raised (PostgreSQL's or Alembic's own message); leftover: the downgrade left an object the parent
 * did not have; missing: the downgrade did not restore an object the parent had; changed: an object differs from
 * the parent's (a column's type, nullability or default, an enum's labels, an index's columns).
 */
export type VerifyProblemKind = 'failed' | 'leftover' | 'missing' | 'changed';

export type VerifyStatus = 'ok' | 'failed' | 'irreversible';

export interface VerifyProblemJson {
  step: VerifyStep;
  kind: VerifyProblemKind;
  /** The object concerned, named as `alembic-lint schema` names it ("table orders", "column users.email"), or null. */
  object: string | null;
  message: string;
  /** 1-based line in the revision's file of the statement concerned, when it can be found; else null. */
  line: number | null;
}

export interface VerifyRevisionJson {
  revision: string;
  /** Relative to the working directory, with '/' separators, as `check` and `graph` print paths. */
  file: string;
  status: VerifyStatus;
  problems: VerifyProblemJson[];
  /**
   * Where the static model (`alembic-lint schema`) and the catalogs after the real upgrade disagree about this
   * revision's schema: a bug of ours, reported so the user knows which to trust. Absent when they agree.
   */
  modelDisagreements?: string[];
}

export interface VerifyJson {
  /** "embedded", or the server's URL without its password (a scratch database was created on it for the run). */
  database: 'embedded' | string;
  revisions: VerifyRevisionJson[];
}

/**
 * With `--progress json` the CLI writes one of these per line to stderr as each step starts, so the editor can
 * show progress; `index` counts the revisions being verified from 1 to `total`.
 */
export interface VerifyProgressJson {
  type: 'progress';
  index: number;
  total: number;
  revision: string;
  step: VerifyStep;
}

/** Exit codes: every revision ok; at least one not ok; verify itself could not run (no interpreter, no database). */
export const VERIFY_EXIT = { ok: 0, problems: 1, cannotRun: 2 } as const;

/** The diagnostic code (rule id) a problem is shown under in the editor. A failure on re-run is the house rule. */
export type VerifyCode = 'verify-failed' | 'verify-leftover' | 'verify-missing' | 'verify-changed' | 'verify-rerun';

export function verifyCode(problem: Pick<VerifyProblemJson, 'step' | 'kind'>): VerifyCode {
  if (problem.step === 'rerun') return 'verify-rerun';
  return `verify-${problem.kind}`;
}
