// When the extension's own connection may send a credential, and what it asks first. Two protections:
// - a user name or password from outside the workspace (resolve-connection.ts OutsideCredentials) goes to a
//   host:port that the workspace's files name only after the user agreed for that target; local targets are
//   not exempt: the attack this answers was a stand-in server on 127.0.0.1;
// - a server that is not on this machine gets a password in clear text only after the user agreed for it
//   (verify-full TLS exempt: the server is authenticated and the line encrypted).
// Agreements are remembered per target in the extension's global state (agreementKey): the credential is
// the user's own, and a server trusted in one workspace is the same server in another.
import type { OutsideCredentials, ResolvedConnection } from './resolve-connection';
import type { CurrentRevisions } from './version-table';

export type AgreementKind = 'outside-credentials' | 'cleartext';

/** A memento-like store: VS Code's globalState in the extension, a Map in tests. */
export interface AgreementStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
}

const KEYS: Record<AgreementKind, string> = {
  'outside-credentials': 'alembic.agreedCredentialTargets',
  cleartext: 'alembic.agreedCleartextTargets',
};

export function isAgreed(store: AgreementStore, kind: AgreementKind, target: string): boolean {
  return (store.get<string[]>(KEYS[kind]) ?? []).includes(target);
}

export async function rememberAgreement(store: AgreementStore, kind: AgreementKind, target: string): Promise<void> {
  const agreed = store.get<string[]>(KEYS[kind]) ?? [];
  if (!agreed.includes(target)) await store.update(KEYS[kind], [...agreed, target]);
}

/** Forgets every agreement of both kinds; how many targets were agreed to. */
export async function forgetAgreements(store: AgreementStore): Promise<number> {
  const targets = new Set<string>();
  for (const key of Object.values(KEYS)) {
    for (const target of store.get<string[]>(key) ?? []) targets.add(target);
    await store.update(key, undefined);
  }
  return targets.size;
}

/** Loopback addresses and Unix sockets: nothing crosses a network. */
export function isLocalHost(host: string): boolean {
  return host.startsWith('/') || host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Whether a clear-text password request may be answered without asking. */
export function cleartextAllowed(store: AgreementStore, connection: Pick<ResolvedConnection, 'target' | 'sslmode' | 'pg'>): boolean {
  return isLocalHost(connection.pg.host ?? '') || connection.sslmode === 'verify-full' || isAgreed(store, 'cleartext', connection.target);
}

/**
 * The connection for a purpose that cannot stop to ask (ending a cancelled run's sessions): only when it sends no
 * credential the user has not agreed to, and clear text only where reading the version table would.
 */
/** The credential from outside the workspace that still waits for the user's agreement, if any. */
function unagreedOutside(store: AgreementStore, connection: Pick<ResolvedConnection, 'outside'>): OutsideCredentials | undefined {
  const { outside } = connection;
  return outside && !isAgreed(store, 'outside-credentials', outside.target) ? outside : undefined;
}

export function silentConnection(
  store: AgreementStore,
  connection: Pick<ResolvedConnection, 'target' | 'sslmode' | 'pg' | 'outside'>,
): { pg: ResolvedConnection['pg']; allowCleartext: boolean } | undefined {
  if (unagreedOutside(store, connection)) return undefined;
  return { pg: connection.pg, allowCleartext: cleartextAllowed(store, connection) };
}

export interface Question {
  message: string;
  detail: string;
  /** The button that agrees. */
  agree: string;
}

export function outsideCredentialsQuestion(outside: OutsideCredentials, source: string): Question {
  return {
    message: `Send ${outside.origins.join(' and ')} to ${outside.target}?`,
    detail:
      `The server ${outside.target} is named by the workspace (${source}), but the credential comes from outside it. ` +
      'A repository can name a server of its own to collect credentials. The answer is remembered for this server.',
    agree: 'Send',
  };
}

export function cleartextQuestion(target: string): Question {
  return {
    message: `${target} asks for the password in clear text. Send it unencrypted?`,
    detail:
      `${target} is not on this machine and asked for the password without encrypting it (password authentication, no verified TLS). ` +
      'Anyone on the network path could read it. Prefer scram-sha-256 in pg_hba.conf or sslmode=verify-full. The answer is remembered for this server.',
    agree: 'Send Unencrypted',
  };
}

/** What the Database view says while an agreement is missing. */
export function waitingReason(kind: AgreementKind, connection: Pick<ResolvedConnection, 'target' | 'outside'>): string {
  return kind === 'cleartext'
    ? `${connection.target} asks for the password in clear text: Connect to decide whether to send it.`
    : `Not sent yet: ${connection.outside?.origins.join(' and ') ?? 'a credential from outside the workspace'} for ${connection.target}. Connect to decide.`;
}

/**
 * Reads through `read` once the agreements it needs are there. `ask` is given only when the user is connecting
 * (a command or the view's Connect): a background refresh never asks and never sends what waits for an answer.
 * The clear-text question comes after a refused attempt (nothing sent): a modal open during the connect
 * timeout would outlast it.
 */
export async function readWithAgreement(
  connection: Pick<ResolvedConnection, 'target' | 'sslmode' | 'pg' | 'outside' | 'source'>,
  store: AgreementStore,
  ask: ((question: Question) => Promise<boolean>) | undefined,
  read: (allowCleartext: boolean) => Promise<CurrentRevisions>,
): Promise<CurrentRevisions | { waiting: string }> {
  const outside = unagreedOutside(store, connection);
  if (outside) {
    if (!ask || !(await ask(outsideCredentialsQuestion(outside, connection.source)))) return { waiting: waitingReason('outside-credentials', connection) };
    await rememberAgreement(store, 'outside-credentials', outside.target);
  }
  const first = await read(cleartextAllowed(store, connection));
  if (first.ok || !first.cleartextRefused) return first;
  if (!ask || !(await ask(cleartextQuestion(connection.target)))) return { waiting: waitingReason('cleartext', connection) };
  await rememberAgreement(store, 'cleartext', connection.target);
  return read(true);
}
