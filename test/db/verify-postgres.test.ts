// suites/verify.ts against a scratch database on the harness's PostgreSQL (--database-url).
import { postgresForThisFile } from './harness';
import { verifySuite } from './suites/verify';

const server = postgresForThisFile();
verifySuite({ name: 'postgres', databaseArgs: async () => ['--database-url', (await server()).url()], server });
