// suites/verify.ts against the embedded PGlite database the CLI starts by default.
import { before } from 'node:test';
import { ensureSystemPackages, SETUP_TIMEOUT_MS } from './harness';
import { noInterpreterTest, verifySuite } from './suites/verify';

before(() => ensureSystemPackages(), { timeout: SETUP_TIMEOUT_MS });
verifySuite({ name: 'pglite', databaseArgs: async () => [] });
noInterpreterTest();
