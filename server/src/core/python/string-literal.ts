// One Python string literal, decoded exactly as Python does, with the map from each decoded
// character back to the file. Works on the file text and offsets alone (no syntax tree), so it
// can be tested directly.
import { MappedTextBuilder, type MappedText } from './mapped-text';
import { lookupUnicodeName } from './unicode-names';

export interface StringLiteral {
  /** Offset of the literal's first character (its prefix, or the opening quote). */
  start: number;
  end: number;
  /** Prefix letters as written (`r`, `Rb`, `f`, `u`, ...). */
  prefix: string;
  raw: boolean;
  bytes: boolean;
  /** f-string (or a t-string): the value depends on run-time expressions. */
  formatted: boolean;
  /** The opening delimiter: `'`, `"`, `'''` or `"""`. */
  quote: string;
  contentStart: number;
  contentEnd: number;
}

/**
 * Reads the delimiters of the literal at [start, end). `terminated` is false when the parser had to
 * invent the closing quote (an unterminated string), in which case the content runs to `end`.
 */
export function readStringLiteral(text: string, start: number, end: number, terminated = true): StringLiteral | undefined {
  let i = start;
  while (i < end && i - start < 3 && /[A-Za-z]/.test(text.charAt(i))) i++;
  const prefix = text.slice(start, i);
  const q = text.charAt(i);
  if (q !== '"' && q !== "'") return undefined;
  const quote = text.startsWith(q + q + q, i) && (end - i >= 6 || !terminated) ? q + q + q : q;
  const contentStart = i + quote.length;
  let contentEnd = end;
  if (terminated && end - contentStart >= quote.length && text.startsWith(quote, end - quote.length)) contentEnd = end - quote.length;
  if (contentEnd < contentStart) contentEnd = contentStart;
  const lower = prefix.toLowerCase();
  return {
    start,
    end,
    prefix,
    raw: lower.includes('r'),
    bytes: lower.includes('b'),
    formatted: lower.includes('f') || lower.includes('t'),
    quote,
    contentStart,
    contentEnd,
  };
}

export type DecodeResult = { value: MappedText } | { error: string };

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * The literal's value. Line breaks inside the literal become `\n` (Python reads source with universal
 * newlines). A character produced by an escape maps to the escape's backslash; a backslash-newline
 * continuation produces nothing. Formatted literals are not decoded (their value is not static).
 */
export function decodeStringLiteral(text: string, lit: StringLiteral): DecodeResult {
  if (lit.formatted) return { error: 'f-string' };
  const builder = new MappedTextBuilder();
  const end = lit.contentEnd;
  let runStart = lit.contentStart;
  let i = runStart;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      builder.append(runStart, text.slice(runStart, i));
      builder.appendEscape(i, '\n');
      i += text.charCodeAt(i + 1) === 10 && i + 1 < end ? 2 : 1;
      runStart = i;
      continue;
    }
    if (c !== 92 /* \ */ || lit.raw || i + 1 >= end) {
      i++;
      continue;
    }
    const escape = decodeEscape(text, i, end, lit.bytes);
    if (escape === undefined) {
      // Not an escape Python knows: the backslash stays, the next character is read normally.
      i++;
      continue;
    }
    if ('error' in escape) return escape;
    builder.append(runStart, text.slice(runStart, i));
    if (escape.produced.length > 0) builder.appendEscape(i, escape.produced);
    i += escape.length;
    runStart = i;
  }
  builder.append(runStart, text.slice(runStart, end));
  return { value: builder.build() };
}

type Escape = { produced: string; length: number } | { error: string };

/** The escape at `at` (a backslash), or undefined when Python keeps the backslash literally. */
function decodeEscape(text: string, at: number, end: number, bytes: boolean): Escape | undefined {
  const next = text.charAt(at + 1);
  if (next === '\n') return { produced: '', length: 2 };
  if (next === '\r') return { produced: '', length: text.charAt(at + 2) === '\n' && at + 2 < end ? 3 : 2 };
  const simple = SIMPLE_ESCAPES[next];
  if (simple !== undefined) return { produced: simple, length: 2 };
  if (next >= '0' && next <= '7') {
    let j = at + 1;
    while (j < end && j < at + 4 && text.charAt(j) >= '0' && text.charAt(j) <= '7') j++;
    const code = parseInt(text.slice(at + 1, j), 8);
    return { produced: String.fromCharCode(bytes ? code & 0xff : code), length: j - at };
  }
  const hexLength = HEX_LENGTH[next];
  if (hexLength !== undefined && (next === 'x' || !bytes)) {
    const digits = text.slice(at + 2, at + 2 + hexLength);
    if (digits.length !== hexLength || at + 2 + hexLength > end || !/^[0-9A-Fa-f]+$/.test(digits)) {
      return { error: `invalid \\${next} escape` };
    }
    const code = parseInt(digits, 16);
    if (code > 0x10ffff) return { error: `invalid \\${next} escape` };
    return { produced: String.fromCodePoint(code), length: 2 + hexLength };
  }
  if (next === 'N' && !bytes) {
    const close = text.indexOf('}', at + 3);
    if (text.charAt(at + 2) !== '{' || close < 0 || close >= end) return { error: 'invalid \\N escape' };
    const produced = lookupUnicodeName(text.slice(at + 3, close));
    if (produced === undefined) return { error: `unrecognised \\N{${text.slice(at + 3, close)}} escape` };
    return { produced, length: close + 1 - at };
  }
  return undefined;
}
