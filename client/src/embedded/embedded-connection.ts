// The embedded database as a connection: its URL, and the libpq settings its clients need (clientEnv) both for
// our reader and in the environment of the project's CLI.
import { resolveConnection, type ConnectionProblem, type ResolvedConnection } from '../database/resolve-connection';

export const EMBEDDED_SOURCE = 'embedded database (PGlite)';

export function embeddedConnection(db: { url: string; clientEnv: Readonly<Record<string, string>> }): ResolvedConnection | ConnectionProblem {
  const resolved = resolveConnection({ env: { DATABASE_URL: db.url, ...db.clientEnv } });
  if ('problem' in resolved) return resolved;
  return { ...resolved, source: EMBEDDED_SOURCE, env: { ...resolved.env, ...db.clientEnv } };
}
