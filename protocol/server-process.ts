/**
 * Node options for the language server process, for the client that starts it and the tests that measure it: a
 * young generation smaller than Node's default (16 MB) keeps a long-lived server holding thousands of parsed files
 * about 30 MB smaller. 4 MB rather than 1: measured on 5,000 migrations, 1 MB made about 1,100 scavenges of the cold
 * index cost 1.3-1.6 s of GC against 0.75-0.8 s (290 scavenges), and a keystroke 1.5 ms of GC against 1.0 ms, for
 * about the same memory (RSS within the runs' spread of 15 MB).
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=4'];

/** What the client hands the server in `initialize`. */
export interface ServerInitializationOptions {
  /** The `alembic` settings section: the server lints the workspace before it could ask for them. */
  settings: unknown;
  /** When the extension activated (ms since the epoch): the server reports its first diagnostics against it. */
  activatedAt?: number;
}
