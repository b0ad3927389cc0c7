// The revision(s) a database is at, read from Alembic's version table with a short deadline.
import type { Client, ClientConfig } from 'pg';
import { quoteIdent } from '../../../common/quote-ident';
import { CleartextRefusedError, closeQuietly, describePgError, openClient, type FailureKind } from './pg-connect';

export type CurrentRevisions =
  | { ok: true; revisions: string[] }
  /** cleartextRefused: the server wanted the password in clear text and allowCleartext was false. */
  | { ok: false; kind: FailureKind; message: string; cleartextRefused?: true };

export interface VersionTableOptions {
  /** Default alembic_version (Alembic's version_table). */
  table?: string;
  /** Default: the search_path, as Alembic does without version_table_schema. */
  schema?: string;
  timeoutMs: number;
  /** See pg-connect.ts OpenOptions. Default true. */
  allowCleartext?: boolean;
}


/** [] when the version table does not exist yet (nothing applied). Never throws, never outlives timeoutMs by much. */
export async function readCurrentRevisions(config: ClientConfig, o: VersionTableOptions): Promise<CurrentRevisions> {
  const table = (o.schema ? `${quoteIdent(o.schema)}.` : '') + quoteIdent(o.table ?? 'alembic_version');
  const timeoutMs = Math.max(1, Math.round(o.timeoutMs));
  // Client-side timeouts only: a statement_timeout startup parameter is refused by PgBouncer.
  const bounded: ClientConfig = { ...config, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs };
  const display = `${bounded.user ?? ''}@${bounded.host ?? ''}:${bounded.port ?? ''}/${bounded.database ?? ''}`;
  const secrets = typeof config.password === 'string' ? [config.password] : [];

  let client: Client | undefined;
  let abandoned = false;
  const work = (async (): Promise<string[]> => {
    const opened = await openClient(bounded, o.allowCleartext === false ? { allowCleartext: false } : {});
    if (abandoned) {
      await closeQuietly(opened);
      return [];
    }
    client = opened;
    const exists = await opened.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [table]);
    if (!exists.rows[0]?.present) return [];
    const rows = await opened.query<{ version_num: string }>(`SELECT version_num FROM ${table}`);
    return rows.rows.map((row) => row.version_num).sort();
  })();

  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const result = await Promise.race([work, deadline]);
    if (result === 'timeout') {
      abandoned = true;
      work.catch(() => undefined);
      return { ok: false, kind: 'timeout', message: `${display}: no answer within ${formatSeconds(timeoutMs)}` };
    }
    return { ok: true, revisions: result };
  } catch (error) {
    return { ok: false, ...describePgError(error, display, secrets), ...(error instanceof CleartextRefusedError ? { cleartextRefused: true as const } : {}) };
  } finally {
    clearTimeout(timer);
    if (client) await closeQuietly(client);
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
