// The tests' exit hooks (removing temporary folders, stopping servers however a test process ends) are
// scripts/lib/exit-cleanup.cjs, one copy shared with the .mjs scripts; loaded from the repository root, since the
// compiled tests run from out/.
import * as path from 'node:path';
import { repoRoot } from './repo';

const shared = require(path.join(repoRoot, 'scripts', 'lib', 'exit-cleanup.cjs')) as { onExit(cleanup: () => void): () => void };

/** Runs `cleanup` when the process ends (exit, SIGINT, SIGTERM, SIGHUP), unless the returned function is called first. */
export const onExit: (cleanup: () => void) => () => void = shared.onExit;
