// ALEMBIC_LINT_WORKERS: how many worker threads parse a folder's files. Unset: as many as the machine has cores
// to spare, for folders large enough that they pay; a number: exactly that many, whatever the folder's size (0:
// parse in-process), for a CI container whose cores the machine's count overstates, and for the tests.
import type { ParseAheadOptions } from '../host/parse/parse-pool';
import { UsageError } from './errors';

/** The most ALEMBIC_LINT_WORKERS accepts: more threads than that only cost memory. */
const MAX_WORKERS_SETTING = 64;

export function parsingOptions(env: NodeJS.ProcessEnv): ParseAheadOptions {
  const value = env['ALEMBIC_LINT_WORKERS'];
  if (value === undefined || value.trim() === '') return {};
  const workers = Number(value);
  if (!Number.isInteger(workers) || workers < 0 || workers > MAX_WORKERS_SETTING) {
    throw new UsageError(`ALEMBIC_LINT_WORKERS must be a whole number from 0 to ${MAX_WORKERS_SETTING} (0: parse without worker threads), not '${value}'`);
  }
  return { workers, minFiles: workers === 0 ? Infinity : 0 };
}
