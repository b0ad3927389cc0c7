// Python migration file -> MigrationFile (revision ids, docstring, upgrade/downgrade and their operations).
export { parseMigration, MAX_ANALYSED_LENGTH, type ParseOptions } from './parse-migration';
export { DocumentTrees } from './incremental';
export type { SqlAnalyzer } from './operations';
export { extractSql, type ExtractContext, type ExtractedSql, type NameBinding } from './extract-sql';
