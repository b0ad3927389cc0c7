// A .env reader with the syntax python-dotenv and docker compose share: KEY=VALUE, `export KEY=VALUE`,
// '#' comments, single quotes (literal), double quotes (escapes, may span lines), and ${VAR} /
// ${VAR:-default} expansion in unquoted and double-quoted values.

const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=[ \t]*/;
const DOUBLE_QUOTE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\', $: '$' };

/**
 * Parses .env text. `${VAR}` refers to the environment first, then to keys defined earlier in the file:
 * python-dotenv's order when variables already set in the environment win, as in the project's env.py.
 * `fromEnvironment`, when given, receives for each key the names of the environment variables its value took.
 */
export function parseDotenv(text: string, env: Readonly<Record<string, string | undefined>> = {}, fromEnvironment?: Map<string, string[]>): Record<string, string> {
  const values: Record<string, string> = {};
  let key = '';
  const lookup = (name: string): string | undefined => {
    const outside = env[name];
    // Recorded for resolve-connection.ts: a credential expanded from the extension host's environment is not the workspace's.
    if (outside && fromEnvironment) fromEnvironment.set(key, [...(fromEnvironment.get(key) ?? []), name]);
    return outside ?? values[name];
  };
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let position = 0;
  while (position < source.length) {
    const lineEnd = endOfLine(source, position);
    const line = source.slice(position, lineEnd);
    const assignment = ASSIGNMENT.exec(line);
    if (!assignment) {
      position = lineEnd + 1;
      continue;
    }
    key = assignment[1] ?? '';
    fromEnvironment?.delete(key);
    const valueStart = position + assignment[0].length;
    const { value, end } = readValue(source, valueStart, lookup);
    values[key] = value;
    position = endOfLine(source, end) + 1;
  }
  return values;
}

function endOfLine(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline === -1 ? text.length : newline;
}

/** The value starting at `start` and the offset just after it (after the closing quote for quoted values). */
function readValue(text: string, start: number, lookup: (name: string) => string | undefined): { value: string; end: number } {
  const quote = text[start];
  if (quote === "'" || quote === '`') {
    const close = text.indexOf(quote, start + 1);
    // An unterminated quote is read to the end of the line, as python-dotenv does not guess further.
    if (close === -1) return unquoted(text, start, lookup);
    return { value: text.slice(start + 1, close), end: close + 1 };
  }
  if (quote === '"') {
    let value = '';
    for (let i = start + 1; i < text.length; i++) {
      const char = text[i] ?? '';
      if (char === '\\') {
        const next = text[i + 1] ?? '';
        value += DOUBLE_QUOTE_ESCAPES[next] ?? `\\${next}`;
        i++;
      } else if (char === '"') {
        return { value: expand(value, lookup), end: i + 1 };
      } else {
        value += char;
      }
    }
    return unquoted(text, start, lookup);
  }
  return unquoted(text, start, lookup);
}

function unquoted(text: string, start: number, lookup: (name: string) => string | undefined): { value: string; end: number } {
  const end = endOfLine(text, start);
  // A '#' starts a comment only after whitespace: `pa#ss` is a value, `value # note` is not.
  const raw = text.slice(start, end).replace(/(^|\s+)#.*$/, '').trim();
  return { value: expand(raw, lookup), end };
}

function expand(value: string, lookup: (name: string) => string | undefined): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_whole, name: string, fallback: string | undefined) => {
    const found = lookup(name);
    return found !== undefined && found !== '' ? found : fallback ?? '';
  });
}
