/** A mistake in the command line (unknown flag, missing path): exit code 2, message without a stack. */
export class UsageError extends Error {}
