// SQL too large or too deeply nested to hand to PostgreSQL's parser, found with our own lexer before it runs.
//
// The parser and its JSON output recurse once per level of the tree: `SELECT 1+1+...` with 10,000 terms, 2,000
// nested sub-selects or 30,000 chained UNIONs overflow the native stack inside the WASM (measured from a shallow
// stack: 5,000 `+` terms and 1,000 nested sub-selects still parse). Such SQL is refused before it gets there; what
// slips past the estimate is caught by pg-parser.ts, which replaces the instance.
import type { Range } from '../types';
import { firstTokenAt, lexTokens } from './lexer';

/** Deeper than any migration writes, and well below where the parser overflows from a deep caller's stack. */
export const MAX_SQL_NESTING = 500;
/** About 350 ms of parsing; larger strings are seed data, not schema changes. */
export const MAX_SQL_LENGTH = 2_000_000;

export type SqlTooComplex =
  | { kind: 'too-large'; length: number; limit: number; sqlRange: Range }
  | { kind: 'too-deep'; depth: number; limit: number; sqlRange: Range };

/** Words that nest their left operand in the tree, like a binary operator (AND / OR lists are flat). */
const CHAIN_WORDS = new Set(['NOT', 'IS', 'LIKE', 'ILIKE', 'SIMILAR', 'BETWEEN', 'IN', 'COLLATE', 'JOIN', 'UNION', 'INTERSECT', 'EXCEPT']);
/** Words after which a new sibling starts: the chain before them is not the parent of what follows. */
const SIBLING_WORDS = new Set(['AND', 'OR', 'WHEN', 'THEN', 'ELSE']);
const OPERATOR_CHARS = new Set('+-*/%^<>=~!@#&|`?:'.split('').map((c) => c.charCodeAt(0)));

interface Level {
  /** Chained operators so far at this level. */
  chain: number;
  /** The level is a CASE ... END (closed by END, not by a bracket). */
  isCase: boolean;
}

/**
 * Why `text` must not be parsed, or undefined when it may. The depth is an estimate from the tokens, on the high side:
 * each open bracket or CASE is a level, and each operator in a chain (`a + b + c`, `x::int::text`, `t JOIN u JOIN v`)
 * nests the one before it; a comma, AND / OR or a CASE branch starts a sibling.
 */
export function sqlTooComplex(text: string): SqlTooComplex | undefined {
  if (text.length > MAX_SQL_LENGTH) return { kind: 'too-large', length: text.length, limit: MAX_SQL_LENGTH, sqlRange: firstTokenAt(text) };
  const deepest = deepestStatement(text);
  if (!deepest || deepest.depth <= MAX_SQL_NESTING) return undefined;
  return { kind: 'too-deep', depth: deepest.depth, limit: MAX_SQL_NESTING, sqlRange: deepest.firstToken };
}

/** The statement of `text` with the deepest estimate: its first token and the estimate. */
function deepestStatement(text: string): { depth: number; firstToken: Range } | undefined {
  let deepest: { depth: number; firstToken: Range } | undefined;
  const levels: Level[] = [{ chain: 0, isCase: false }];
  let depth = 1;
  let statement: { depth: number; firstToken: Range } | undefined;
  let operatorEnd = -1;
  for (const t of lexTokens(text, 0, text.length)) {
    const c = text.charCodeAt(t.start);
    const single = t.end - t.start === 1;
    const top = levels[levels.length - 1]!;
    const isOperator = single && OPERATOR_CHARS.has(c);
    if (single && c === 59 /* ; */) {
      levels.length = 1;
      levels[0]!.chain = 0;
      depth = 1;
      statement = undefined;
    } else if (single && (c === 40 /* ( */ || c === 91) /* [ */) {
      levels.push({ chain: 0, isCase: false });
      depth++;
    } else if (single && (c === 41 /* ) */ || c === 93) /* ] */) {
      if (levels.length > 1 && !top.isCase) {
        levels.pop();
        depth -= 1 + top.chain;
      }
    } else if (single && c === 44 /* , */) {
      depth -= top.chain;
      top.chain = 0;
    } else if (isOperator) {
      // `||`, `->>`, `::` are one operator written in several characters.
      if (operatorEnd !== t.start) {
        top.chain++;
        depth++;
      }
    } else {
      const word = text.slice(t.start, t.end).toUpperCase();
      if (word === 'CASE') {
        levels.push({ chain: 0, isCase: true });
        depth++;
      } else if (word === 'END' && top.isCase) {
        levels.pop();
        depth -= 1 + top.chain;
      } else if (CHAIN_WORDS.has(word)) {
        top.chain++;
        depth++;
      } else if (SIBLING_WORDS.has(word)) {
        depth -= top.chain;
        top.chain = 0;
      }
    }
    operatorEnd = isOperator ? t.end : -1;
    if (c === 59 && single) continue;
    statement ??= { depth: 0, firstToken: { start: t.start, end: t.end } };
    if (depth > statement.depth) {
      statement.depth = depth;
      if (!deepest || depth > deepest.depth) deepest = statement;
    }
  }
  return deepest;
}
