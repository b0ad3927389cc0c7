// Cleanups that must run however a script or test process ends: on 'exit' (also after an uncaught error or a failed
// test), and on SIGINT, SIGTERM or SIGHUP, which end node without 'exit' when nobody listens. A process that handles
// the signal itself (node's test runner, scripts/code-server.mjs) keeps it: the cleanups then run at its exit. Only
// SIGKILL skips them. CommonJS, so that both the .mjs scripts and the compiled TypeScript tests
// (test/helpers/exit-cleanup.ts) load this one copy.
'use strict';

/** @type {Set<() => void>} */
const cleanups = new Set();
let installed = false;

/**
 * Runs `cleanup` when the process ends, unless the returned function is called first.
 * @param {() => void} cleanup
 * @returns {() => void}
 */
exports.onExit = function onExit(cleanup) {
  if (!installed) {
    installed = true;
    process.once('exit', runAll);
    for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
      const onSignal = () => {
        if (process.listenerCount(signal) > 1) return;
        runAll();
        process.off(signal, onSignal);
        process.kill(process.pid, signal);
      };
      process.on(signal, onSignal);
    }
  }
  cleanups.add(cleanup);
  return () => void cleanups.delete(cleanup);
};

function runAll() {
  for (const cleanup of cleanups) {
    try {
      cleanup();
    } catch {
      // Best effort: the process is going away.
    }
  }
  cleanups.clear();
}
