// SQL layer entry point: SQL text -> statements and facts (libpg-query), positions mapped back to the file.
import type { ChangeDraft } from '../schema/changes';
import { draftInFile, nameLocator, statementChanges } from '../schema/from-sql';
import { sqlRangeToFile } from '../text';
import type { Fact, Range, SqlNotChecked, SqlStatement, SqlSyntaxError, SqlText } from '../types';
import { sqlTooComplex } from './complexity';
import type { FactDraft } from './draft';
import { statementFacts } from './statement-facts';
import { LruCache } from './lru';
import { neutralize, optionsKey } from './neutralize';
import { nodeTypeOf } from './nodes';
import { failedMessage, refusedMessage, type SqlNotCheckedCore } from './not-checked';
import { parseNeutralized, type SqlErrorCore } from './parse';
import { PgParserFailure } from './pg-parser';
import { byteToCharMap } from './positions';
import { statementRange } from './statements';

export { describeObject } from './describe';

export interface SqlAnalysis {
  statements: SqlStatement[];
  syntaxError?: SqlSyntaxError;
  /** The SQL was not parsed (too large, too deeply nested, the parser failed): nothing is known about it. */
  notChecked?: SqlNotChecked;
}

export interface SqlOptions {
  /**
   * The text goes through SQLAlchemy's text() (op.execute with a string, sa.text, conn.execute(text(...))):
   * `:name` binds and `\:` escapes are SQLAlchemy's, not PostgreSQL syntax.
   */
  sqlalchemyText: boolean;
  /** Driver-level SQL (exec_driver_sql, DBAPI): `%s`, `%(name)s` placeholders and `%%`. */
  driverParams: boolean;
}

/** An analysis in SQL-text coordinates: what a given SQL text always yields, wherever it sits in a file. */
interface SqlTextAnalysis {
  statements: { nodeType: string; sqlRange: Range; facts: FactDraft[]; changes: ChangeDraft[] }[];
  error?: SqlErrorCore;
  notChecked?: SqlNotCheckedCore;
}

// Re-linting a file re-analyses the same strings on every keystroke: keep the file-independent part.
const cache = new LruCache<string, SqlTextAnalysis>(2000);

const PG_SPACE_ONLY = /^[ \t\n\r\f\v]*$/;

function analyzeText(text: string, options: SqlOptions): SqlTextAnalysis {
  if (PG_SPACE_ONLY.test(text)) return { statements: [] };
  const neutralized = neutralize(text, options);
  const refusal = sqlTooComplex(neutralized.text);
  if (refusal) return { statements: [], notChecked: refusedMessage(refusal) };
  const parsed = parseNeutralized(neutralized);
  if (parsed.error) return { statements: [], error: parsed.error };
  const toChar = byteToCharMap(parsed.text);
  const nameAt = nameLocator(parsed.text, toChar);
  return {
    statements: parsed.stmts.map((raw) => {
      const range = statementRange(parsed.text, raw, toChar);
      const facts = raw.stmt ? statementFacts(raw.stmt, { text: parsed.text, range, toChar }) : [];
      return { nodeType: nodeTypeOf(raw.stmt), sqlRange: range, facts, changes: raw.stmt ? statementChanges(raw.stmt, nameAt) : [] };
    }),
  };
}

function toFact(sql: SqlText, d: FactDraft, statementText: string): Fact {
  // Field by field: object rest/spread is several times slower here, and this runs for every fact of every lint.
  const fact: Fact = {
    action: d.action,
    statement: d.statement,
    ifExists: d.ifExists,
    ifNotExists: d.ifNotExists,
    orReplace: d.orReplace,
    concurrently: d.concurrently,
    range: sqlRangeToFile(sql, d.sqlRange),
    sql: statementText,
  };
  // Copies: the cached drafts must not change when a caller edits what it got.
  if (d.object) fact.object = { ...d.object };
  if (d.newName !== undefined) fact.newName = d.newName;
  if (d.guardInsertAt !== undefined) fact.guardInsertAt = d.guardInsertAt;
  if (d.columns) fact.columns = [...d.columns];
  if (d.partOfStatement) fact.partOfStatement = true;
  if (d.changesType) fact.changesType = true;
  if (d.temporary) fact.temporary = true;
  return fact;
}

/**
 * The analysis of a SQL text, from the cache when it was seen before. Whatever the parser or the facts throw is an
 * analysis too ("not checked"), and cached like one: a text that failed fails the same way next time. Only a parser
 * that was restarting is not remembered, since the next try will have a fresh one.
 */
function cachedAnalysis(text: string, options: SqlOptions): SqlTextAnalysis {
  const key = optionsKey(options) + text;
  let analysis = cache.get(key);
  if (!analysis) {
    try {
      analysis = analyzeText(text, options);
    } catch (e) {
      const notChecked = failedMessage(text, e);
      if (e instanceof PgParserFailure && e.reason === 'unavailable') return { statements: [], notChecked };
      analysis = { statements: [], notChecked };
    }
    cache.set(key, analysis);
  }
  return analysis;
}

export function analyzeSql(sql: SqlText, options: SqlOptions): SqlAnalysis {
  const analysis = cachedAnalysis(sql.text, options);
  const result: SqlAnalysis = {
    statements: analysis.statements.map((s) => {
      const text = sql.text.slice(s.sqlRange.start, s.sqlRange.end);
      // The drafts are shared with the cache (replay never changes them); only file ranges are made per file.
      const changes = s.changes.map((d) => draftInFile(d, (range) => sqlRangeToFile(sql, range)));
      return { nodeType: s.nodeType, sqlRange: { ...s.sqlRange }, facts: s.facts.map((f) => toFact(sql, f, text)), changes };
    }),
  };
  if (analysis.error) {
    const { message, sqlOffset, sqlRange } = analysis.error;
    result.syntaxError = { message, sqlOffset, range: sqlRangeToFile(sql, sqlRange) };
  }
  if (analysis.notChecked) {
    result.notChecked = { message: analysis.notChecked.message, range: sqlRangeToFile(sql, analysis.notChecked.sqlRange) };
  }
  return result;
}
