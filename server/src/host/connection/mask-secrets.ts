// Masking of passwords in text that reaches the user: output channel, notifications, thrown errors.
// Every path that shows text from a child process or a database error goes through maskAll.

export const MASK = '***';

const WORD_CHAR = /[A-Za-z0-9_]/;

/**
 * Replaces every occurrence of each secret (as written and percent-encoded, as it appears in URLs).
 * An occurrence glued to letters or digits is left alone: a password "user" must not turn
 * `CREATE TABLE users` into `CREATE TABLE ***s`. A leaked password sits between delimiters
 * (`:pw@`, `=pw `, quotes), so this masks what leaks and nothing else.
 */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  const variants = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    variants.add(secret);
    variants.add(encodeURIComponent(secret));
  }
  // Longest first, so a secret that contains another is masked whole.
  let masked = text;
  for (const variant of [...variants].sort((a, b) => b.length - a.length)) masked = maskWhole(masked, variant);
  return masked;
}

function maskWhole(text: string, secret: string): string {
  const guardStart = WORD_CHAR.test(secret[0] ?? '');
  const guardEnd = WORD_CHAR.test(secret[secret.length - 1] ?? '');
  let out = '';
  let from = 0;
  for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + 1)) {
    if (at < from) continue;
    const end = at + secret.length;
    if ((guardStart && WORD_CHAR.test(text[at - 1] ?? '')) || (guardEnd && WORD_CHAR.test(text[end] ?? ''))) continue;
    out += text.slice(from, at) + MASK;
    from = end;
  }
  return out + text.slice(from);
}

const URL_START = /\b[a-z][a-z0-9+.-]*:\/\//gi;
// Where a URL quoted in a message ends: whitespace or a quote.
const URL_END = /[\s"'`<>]/;

/** Where the password of each URL in `text` sits: [start, end) offsets, empty passwords included. */
function urlPasswordSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const match of text.matchAll(URL_START)) {
    const start = (match.index ?? 0) + match[0].length;
    let end = start;
    while (end < text.length && !URL_END.test(text[end] ?? '')) end++;
    const credentials = userInfo(text.slice(start, end));
    if (credentials?.password && credentials.password.end > credentials.password.start) spans.push([start + credentials.password.start, start + credentials.password.end]);
  }
  return spans;
}

/**
 * Where the password sits in a URL's rest (what follows `scheme://`), for masking: the userinfo runs up to the
 * last `@`, so a password holding `/`, `:` or even a raw `@` is masked whole; the user name stops at the first
 * `:` and holds no `/` or `?` (else there is no userinfo: `host/db?x=a@b` has none).
 */
function userInfo(rest: string): { password?: { start: number; end: number } } | undefined {
  const at = rest.lastIndexOf('@');
  if (at === -1) return undefined;
  const info = rest.slice(0, at);
  const colon = info.indexOf(':');
  const user = colon === -1 ? info : info.slice(0, colon);
  if (/[/?]/.test(user)) return undefined;
  return colon === -1 ? {} : { password: { start: colon + 1, end: at } };
}

// libpq key/value connection strings: password=secret or password='se cret'.
const CONNINFO_PASSWORD = /\b(password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s'"]+)/gi;

/** Masks the password part of URLs (postgresql://user:pw@host) and libpq `password=` pairs in any text. */
export function maskUrlPasswords(text: string): string {
  let masked = '';
  let from = 0;
  for (const [start, end] of urlPasswordSpans(text)) {
    masked += text.slice(from, start) + MASK;
    from = end;
  }
  masked += text.slice(from);
  return masked.replace(CONNINFO_PASSWORD, (_whole, head: string) => `${head}${MASK}`);
}

/** Both maskings: the known secrets, then anything that looks like a password in a URL or conninfo. */
export function maskAll(text: string, secrets: readonly string[]): string {
  return maskUrlPasswords(maskSecrets(text, secrets));
}

const SECRET_NAME = /PASSWORD|PASSWD|SECRET|TOKEN/i;

/**
 * The secrets a child-process environment carries: values of *PASSWORD* / *SECRET* / *TOKEN* variables
 * and the passwords inside URL-valued variables (DATABASE_URL and friends).
 */
export function secretsInEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  const secrets: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (!value) continue;
    if (SECRET_NAME.test(name)) secrets.push(value);
    for (const [start, end] of urlPasswordSpans(value)) {
      const password = value.slice(start, end);
      secrets.push(password);
      try {
        secrets.push(decodeURIComponent(password));
      } catch {
        // A malformed escape is masked as written.
      }
    }
  }
  return secrets;
}
