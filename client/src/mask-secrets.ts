// Masking of passwords in text that reaches the user: output channel, notifications, thrown errors.
// Every path that shows text from a child process or a database error goes through maskAll.

export const MASK = '***';

/** Replaces every occurrence of each secret (as written and percent-encoded, as it appears in URLs). */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  const variants = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    variants.add(secret);
    variants.add(encodeURIComponent(secret));
  }
  // Longest first, so a secret that contains another is masked whole.
  let masked = text;
  for (const variant of [...variants].sort((a, b) => b.length - a.length)) {
    masked = masked.split(variant).join(MASK);
  }
  return masked;
}

// scheme://user:password@ -> scheme://user:***@ ; the user part stops at the first ':' or '@'.
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*):([^@\s/]*)@/gi;
// libpq key/value connection strings: password=secret or password='se cret'.
const CONNINFO_PASSWORD = /\b(password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s'"]+)/gi;

/** Masks the password part of URLs (postgresql://user:pw@host) and libpq `password=` pairs in any text. */
export function maskUrlPasswords(text: string): string {
  return text
    .replace(URL_USERINFO, (_whole, head: string, password: string) => (password ? `${head}:${MASK}@` : `${head}:@`))
    .replace(CONNINFO_PASSWORD, (_whole, head: string) => `${head}${MASK}`);
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
    for (const match of value.matchAll(URL_USERINFO)) {
      const password = match[2];
      if (!password) continue;
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
