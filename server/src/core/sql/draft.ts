// Facts as the SQL layer builds them: in SQL-text coordinates, independent of where the SQL sits in a
// file, so they can be cached per SQL text and mapped to file ranges per call.
import type { Fact, FactAction, ObjectRef, Range } from '../types';
import type { NodeFields, NodeType } from './nodes';
import type { ByteToChar } from './positions';
import { skipKeywords } from './trivia';

export type FactDraft = Omit<Fact, 'range' | 'sql'> & {
  /** What to underline, in the SQL text: the statement or the ALTER TABLE sub-command. */
  sqlRange: Range;
};

export interface StatementContext {
  /** The text PostgreSQL parsed (placeholders replaced, same offsets as the SQL text). */
  text: string;
  /** The statement, from its first token to its last. */
  range: Range;
  /** Converts parse-tree locations (UTF-8 bytes into `text`) to UTF-16 offsets. */
  toChar: ByteToChar;
}

type Extras = Partial<Omit<FactDraft, 'action' | 'statement' | 'object'>>;

export function draft(ctx: StatementContext, action: FactAction, statement: string, object?: ObjectRef, extras: Extras = {}): FactDraft {
  const fact: FactDraft = {
    action,
    statement,
    ifExists: false,
    ifNotExists: false,
    orReplace: false,
    concurrently: false,
    sqlRange: ctx.range,
  };
  if (object) fact.object = object;
  // Leave out what is undefined: facts compare and serialize without empty keys.
  const target = fact as unknown as Record<string, unknown>;
  const source = extras as Record<string, unknown>;
  for (const key in source) if (source[key] !== undefined) target[key] = source[key];
  return fact;
}

/** UTF-16 offset of a parse-tree location; undefined when the node has none (-1 or absent). */
export function charAt(ctx: StatementContext, location: number | undefined): number | undefined {
  return location === undefined || location < 0 ? undefined : ctx.toChar(location);
}

/** Fact builders by statement node type. */
export type Handlers = { [K in NodeType]?: (stmt: NodeFields[K], ctx: StatementContext) => FactDraft[] };

/** Where the statement's keywords `words` end, when a guard goes right there (see skipKeywords). */
export function afterKeywords(ctx: StatementContext, words: readonly string[], from = ctx.range.start): number | undefined {
  return skipKeywords(ctx.text, from, words, ctx.range.end);
}
