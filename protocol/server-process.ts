/**
 * Node options for the language server process, for the client that starts it and the tests that measure it:
 * a small young generation keeps a long-lived server holding thousands of parsed files well under 200 MB.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=1'];

/** What the client hands the server in `initialize`. */
export interface ServerInitializationOptions {
  /** The `alembic` settings section: the server lints the workspace before it could ask for them. */
  settings: unknown;
  /** When the extension activated (ms since the epoch): the server reports its first diagnostics against it. */
  activatedAt?: number;
}
