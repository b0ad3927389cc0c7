/**
 * The timeout of a test that could hang (reading a FIFO, a parser gone exponential, a CLI that never exits): only there
 * to end a hang with a failure, never a speed limit. It is far above what a busy two-core machine needs, where these
 * tests have taken up to 45 s; speed targets live in `npm run bench`.
 */
export const HANG_GUARD_MS = 10 * 60_000;
