// The schema model: what PostgreSQL's catalogs would hold after each revision (see ARCHITECTURE.md, "Schema model").
export { EMPTY_SCHEMA, keyOf, type Schema, type SchemaEvent, type Table, type Column, type QualifiedName } from './model';
export type { Change } from './changes';
export { replay, type ReplayResult } from './replay';
export { replayFunction, type ReplayOptions } from './replay-migration';
export { readNamingConvention, type NamingConvention } from './naming-convention';
export { SchemaHistory, unionOf, type RevisionSchema } from './history';
export { schemaToJson } from './json';
export { schemaToText } from './text';
