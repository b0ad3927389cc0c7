// Where one project's database connection stands; the status bar, the Database view and the tree read it.
import type { FailureKind } from './pg-connect';

export type { FailureKind };

/** `display` names the database without its password (user@host:port/db); `source` says where it came from. */
export type DbState =
  | { kind: 'untrusted' }
  | { kind: 'unconfigured'; problem: string }
  | { kind: 'needs-password'; display: string; source: string }
  /** A credential waits for the user's agreement (credential-agreement.ts); `reason` says which. Nothing was sent. */
  | { kind: 'needs-agreement'; display: string; source: string; reason: string }
  | { kind: 'disconnected'; display: string; source: string }
  | { kind: 'connecting'; display: string; source: string }
  | { kind: 'connected'; display: string; source: string; current: string[] }
  | { kind: 'failed'; display: string; source: string; failure: FailureKind; message: string };

export function failureTitle(failure: FailureKind): string {
  switch (failure) {
    case 'unreachable':
      return 'database unreachable';
    case 'auth':
      return 'login failed';
    case 'timeout':
      return 'database timed out';
    case 'other':
      return 'database error';
  }
}
