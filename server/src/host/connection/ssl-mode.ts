// libpq's sslmode mapped onto pg's `ssl` option (Node's tls.connect options).
// pg cannot negotiate the way libpq does for `prefer` and `allow` (try one, fall back to the other),
// so those carry a marker that pg-connect.ts reads to make the second attempt.
import type { ConnectionOptions } from 'node:tls';

export const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

/** On the ssl options object: which attempt comes first when the mode allows both. */
export const SSL_FALLBACK = Symbol.for('alembic.sslFallback');
export type SslFallback = 'ssl-first' | 'plain-first';
export type PgSsl = false | (ConnectionOptions & { [SSL_FALLBACK]?: SslFallback });

export interface SslFiles {
  /** PEM text of sslrootcert, or undefined to use Node's trusted CAs. */
  ca?: string;
  cert?: string;
  key?: string;
}

export function isSslMode(value: string): value is SslMode {
  return (SSL_MODES as readonly string[]).includes(value);
}

/**
 * asyncpg URLs say `ssl=require` and friends instead of sslmode; true/false spellings as pg-connection-string reads them.
 */
export function sslModeFromParam(value: string): SslMode | undefined {
  const lower = value.toLowerCase();
  if (isSslMode(lower)) return lower;
  if (lower === 'true' || lower === '1') return 'require';
  if (lower === 'false' || lower === '0') return 'disable';
  if (lower === 'no-verify') return 'require';
  return undefined;
}

export function pgSsl(mode: SslMode, files: SslFiles): PgSsl {
  const material: ConnectionOptions = {};
  if (files.ca !== undefined) material.ca = files.ca;
  if (files.cert !== undefined) material.cert = files.cert;
  if (files.key !== undefined) material.key = files.key;
  switch (mode) {
    case 'disable':
      return false;
    case 'allow':
      return { ...material, rejectUnauthorized: false, [SSL_FALLBACK]: 'plain-first' };
    case 'prefer':
      return { ...material, rejectUnauthorized: false, [SSL_FALLBACK]: 'ssl-first' };
    case 'require':
      // libpq: with a root certificate, require verifies the chain like verify-ca.
      return files.ca !== undefined ? verifyCa(material) : { ...material, rejectUnauthorized: false };
    case 'verify-ca':
      return verifyCa(material);
    case 'verify-full':
      return { ...material, rejectUnauthorized: true };
  }
}

/** The chain is checked, the host name is not. */
function verifyCa(material: ConnectionOptions): PgSsl {
  return { ...material, rejectUnauthorized: true, checkServerIdentity: () => undefined };
}
