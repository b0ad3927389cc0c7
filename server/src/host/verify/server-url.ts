// `alembic-lint verify --server`: the server the project's usual sources name (DATABASE_URL, else POSTGRES_*, from
// the environment, then the .env beside alembic.ini), resolved as the extension resolves them. Only the server is
// taken from it: verify creates its own scratch database there.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveConnection } from '../connection/resolve-connection';
import { CannotRunError } from './scratch';

export function serverUrlFromProject(projectDir: string, env: NodeJS.ProcessEnv): string {
  let dotenvText: string | undefined;
  try {
    dotenvText = fs.readFileSync(path.join(projectDir, '.env'), 'utf8');
  } catch {
    dotenvText = undefined;
  }
  const resolved = resolveConnection({ env: { ...env }, ...(dotenvText === undefined ? {} : { dotenvText }) });
  if ('problem' in resolved || !/^(DATABASE_URL|POSTGRES_\*) /.test(resolved.source)) {
    throw new CannotRunError('--server: neither DATABASE_URL nor POSTGRES_* is set (in the environment or the .env beside alembic.ini); give the server with --database-url URL');
  }
  const url = resolved.env['DATABASE_URL'];
  if (url === undefined) throw new CannotRunError(`--server: ${resolved.source} does not give a URL`);
  return url;
}
