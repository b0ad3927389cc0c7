// Text of one file -> MigrationFile. One tree-sitter parse; the module's top-level statements are
// read once, then only the upgrade()/downgrade() bodies are walked.
import { collectSyntaxErrors } from '../python/syntax-errors';
import { analyzeSql } from '../sql';
import { pythonParser } from '../parsers';
import type { Node, Parser, Tree } from '../python/syntax-tree';
import { computeLineStarts } from '../text';
import type { MigrationFile, PythonSyntaxError, RevisionAssignment } from '../types';
import { REVISION_VARIABLES, revisionAssignment } from './assignments';
import { parseDocstring } from './docstring';
import type { NameBinding } from './extract-sql';
import { migrationFunction } from './functions';
import type { ModuleScope, SqlAnalyzer } from './operations';
import { declaresRevision } from './recognize';
import { withRecoveredFunction } from './recover-functions';
import { collectSuppressions, emptySuppressions } from './suppressions';

import { MAX_ANALYSED_LENGTH, MIGRATION_HEAD_LENGTH } from '../limits';

export { MAX_ANALYSED_LENGTH };

export interface ParseOptions {
  /** The SQL layer; replaceable so tests can observe what it is given. */
  analyzeSql?: SqlAnalyzer;
  /** A syntax tree of exactly this text, owned by the caller (DocumentTrees): used instead of parsing, not deleted. */
  tree?: Tree;
}

/**
 * Never throws on any text: problems become `pythonErrors` and the rest of the file is still read.
 * Requires the parsers to be loaded: the host's `initParsers()` (throws otherwise, which is a programming error).
 */
export function parseMigration(path: string, text: string, options: ParseOptions = {}): MigrationFile {
  const file: MigrationFile = {
    path,
    text,
    isMigration: false,
    pythonErrors: [],
    suppressions: emptySuppressions(),
    lineStarts: computeLineStarts(text),
  };
  if (text.length > MAX_ANALYSED_LENGTH) {
    const message = `File too large to analyse (${(text.length / 1_000_000).toFixed(1)} MB): only the revision identifiers at its top were read`;
    return migrationFromHead(path, text, message, declaresRevision(text));
  }
  const parser = pythonParser();
  let tree: Tree | null = options.tree ?? null;
  try {
    tree ??= parser.parse(withLineFeeds(text));
    if (tree) analyseModule(tree.rootNode, file, options.analyzeSql ?? analyzeSql, parser);
    else file.pythonErrors.push(internalError('the Python parser returned no tree'));
  } catch (error) {
    file.pythonErrors.push(internalError(error));
  } finally {
    if (tree !== options.tree) tree?.delete();
  }
  return file;
}

/**
 * The text tree-sitter is given: a lone carriage return (old Mac line ends, valid Python) becomes a line feed.
 * tree-sitter ends rows and comments at \n only, so a `#` comment would otherwise swallow the rest of the file.
 * One character for one: every offset stays the same.
 */
export function withLineFeeds(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** The file's syntax tree, parsed again only if `use` asks for it (a MigrationFile keeps none), freed when it returns. */
export function withFileTree<T>(file: MigrationFile, use: (treeOf: () => Tree | null) => T): T {
  let tree: Tree | null | undefined;
  const treeOf = (): Tree | null => {
    if (tree === undefined) {
      try {
        tree = pythonParser().parse(withLineFeeds(file.text));
      } catch {
        tree = null;
      }
    }
    return tree;
  };
  try {
    return use(treeOf);
  } finally {
    if (tree) tree.delete();
  }
}

/**
 * A file too large to analyse: only the head of `text` is parsed, for the revision variables, docstring and
 * suppression comments (offsets in the head are offsets in the file). Its functions are not read, so no rule
 * judges them; the one problem is `message`. `isMigration`: whether it is a revision even when the head shows no
 * `revision =` (a file in a version folder): then its revision is unknown, not absent.
 */
export function migrationFromHead(path: string, text: string, message: string, isMigration: boolean): MigrationFile {
  const cut = text.length > MIGRATION_HEAD_LENGTH ? text.lastIndexOf('\n', MIGRATION_HEAD_LENGTH) + 1 || MIGRATION_HEAD_LENGTH : text.length;
  const head = parseMigration(path, text.slice(0, cut));
  const file: MigrationFile = {
    path,
    text,
    isMigration: isMigration || head.isMigration,
    pythonErrors: [{ message, range: { start: 0, end: 0 } }],
    suppressions: head.suppressions,
    lineStarts: cut === text.length ? head.lineStarts : computeLineStarts(text),
  };
  if (file.isMigration) file.revision = head.revision ?? unknownAssignment();
  const { downRevision, branchLabels, dependsOn, docstring } = head;
  if (downRevision) file.downRevision = downRevision;
  if (branchLabels) file.branchLabels = branchLabels;
  if (dependsOn) file.dependsOn = dependsOn;
  if (docstring) file.docstring = docstring;
  return file;
}

/**
 * A revision file nothing could be read of (permissions, a FIFO, a dangling link): still a member of its graph,
 * with an id nobody can know, so its parent does not look like a second head nor its child like an orphan.
 */
export function unreadableMigration(path: string, message: string | undefined): MigrationFile {
  return {
    path,
    text: '',
    isMigration: true,
    revision: unknownAssignment(),
    pythonErrors: message === undefined ? [] : [{ message, range: { start: 0, end: 0 } }],
    suppressions: emptySuppressions(),
    lineStarts: [0],
  };
}

function unknownAssignment(): RevisionAssignment {
  return { range: { start: 0, end: 0 }, valueRange: { start: 0, end: 0 }, ids: [], unknown: true, isSequence: false };
}

interface ModuleFacts extends ModuleScope {
  docstring?: Node;
  functions: Map<'upgrade' | 'downgrade', Node>;
  /** `def upgrade_<engine>():` / `def downgrade_<engine>():` (Flask-Migrate's multi-database template), by name. */
  engineFunctions: Map<string, Node>;
}

function analyseModule(root: Node, file: MigrationFile, analyzer: SqlAnalyzer, parser: Parser): void {
  const text = file.text;
  guard(file, () => file.pythonErrors.push(...collectSyntaxErrors(root)));
  guard(file, () => (file.suppressions = collectSuppressions(root, text, file.lineStarts)));
  const module = scanModule(root, file, analyzer);
  if (module.docstring) {
    const docstringNode = module.docstring;
    guard(file, () => {
      const docstring = parseDocstring(docstringNode, text);
      if (docstring) file.docstring = docstring;
    });
  }
  for (const [name, def] of module.functions) {
    guard(file, () => {
      const fn = (file[name] = migrationFunction(def, name, text, module, engineDefs(def, name, module.engineFunctions)));
      // tree-sitter accepts a def with no indented body (nothing, or only comments); Python does not.
      if (fn.bodyRange.start === fn.bodyRange.end && !def.hasError) {
        file.pythonErrors.push({ message: `Expected an indented block after 'def ${name}()'`, range: { start: fn.range.start, end: fn.bodyRange.start } });
      }
    });
  }
  if (!root.hasError) return;
  for (const name of ['upgrade', 'downgrade'] as const) {
    if (module.functions.has(name)) continue;
    guard(file, () => withRecoveredFunction(parser, withLineFeeds(text), name, (def) => (file[name] = migrationFunction(def, name, text, module))));
  }
}

/** Reads the top-level statements: docstring, revision variables, string constants, `op` aliases, functions. */
function scanModule(root: Node, file: MigrationFile, analyzeSql: SqlAnalyzer): ModuleFacts {
  const assigned = new Map<string, { value: Node; count: number }>();
  const opNames = new Set(['op']);
  const facts: ModuleFacts = { opNames, constants: new Map(), analyzeSql, functions: new Map(), engineFunctions: new Map() };
  let first = true;
  for (const statement of root.namedChildren) {
    // Each node's type and first child are read once: every read is a call into WebAssembly.
    const type = statement.type;
    if (type === 'comment') continue;
    guard(file, () => {
      switch (type) {
        case 'expression_statement': {
          const expression = statement.firstNamedChild;
          const expressionType = expression?.type;
          if (first && expression && expressionType === 'string' && statement.namedChildCount === 1) facts.docstring = expression;
          if (expression && expressionType) moduleAssignment(statement, expression, expressionType, file, assigned);
          break;
        }
        case 'function_definition':
          moduleFunction(statement, facts.functions, facts.engineFunctions);
          break;
        case 'decorated_definition': {
          const def = statement.childForFieldName('definition');
          if (def?.type === 'function_definition') moduleFunction(def, facts.functions, facts.engineFunctions);
          break;
        }
        case 'import_from_statement':
          opAlias(statement, opNames);
          break;
      }
    });
    first = false;
  }
  const constants = new Map<string, NameBinding>();
  for (const [name, { value, count }] of assigned) constants.set(name, count === 1 ? { value } : { ambiguous: true });
  facts.constants = constants;
  file.isMigration = file.revision !== undefined;
  return facts;
}

/** `expression`: the statement's first named child, of type `type`. */
function moduleAssignment(statement: Node, expression: Node, type: string, file: MigrationFile, assigned: Map<string, { value: Node; count: number }>): void {
  if (type === 'augmented_assignment') {
    const left = expression.childForFieldName('left');
    if (left?.type === 'identifier') assigned.set(left.text, { value: left, count: 2 });
    return;
  }
  if (type !== 'assignment') return;
  // `a = b = value`: every target gets the innermost right-hand side.
  const targets: Node[] = [];
  let value: Node | null = expression;
  for (let valueType: string | undefined = type; value && valueType === 'assignment'; valueType = value?.type) {
    const left = value.childForFieldName('left');
    if (left) targets.push(left);
    value = value.childForFieldName('right');
  }
  if (!value) return;
  for (const target of targets) {
    if (target.type !== 'identifier') continue;
    const name = target.text;
    const field = REVISION_VARIABLES[name];
    if (field) file[field] = revisionAssignment(statement, value, file.text);
    const previous = assigned.get(name);
    assigned.set(name, { value, count: (previous?.count ?? 0) + 1 });
  }
}

/** `def`: a function_definition. */
function moduleFunction(def: Node, functions: Map<'upgrade' | 'downgrade', Node>, engineFunctions: Map<string, Node>): void {
  const name = def.childForFieldName('name')?.text;
  // A later definition replaces an earlier one, as in Python.
  if (name === 'upgrade' || name === 'downgrade') functions.set(name, def);
  else if (name !== undefined && /^(upgrade|downgrade)_\w*$/.test(name)) {
    engineFunctions.delete(name);
    engineFunctions.set(name, def);
  }
}

/** `globals()["upgrade_%s" % engine_name]()` / `globals()[f"upgrade_{engine_name}"]()`. */
const DISPATCH = {
  upgrade: /globals\s*\(\s*\)\s*\[\s*[fF]?["']upgrade_/,
  downgrade: /globals\s*\(\s*\)\s*\[\s*[fF]?["']downgrade_/,
};

/**
 * The engine functions `def` dispatches to, when its body is Flask-Migrate's multi-database call
 * (`globals()["upgrade_%s" % engine_name]()`, or the f-string form), in source order; undefined otherwise.
 */
function engineDefs(def: Node, name: 'upgrade' | 'downgrade', engineFunctions: ReadonlyMap<string, Node>): Node[] | undefined {
  // Most files define no engine function: then the body's text is not even read.
  if (engineFunctions.size === 0) return undefined;
  const body = def.childForFieldName('body');
  if (!body || !DISPATCH[name].test(body.text)) return undefined;
  const defs = [...engineFunctions].filter(([engine]) => engine.startsWith(`${name}_`)).map(([, node]) => node);
  return defs.sort((a, b) => a.startIndex - b.startIndex);
}

/** `from alembic import op as alembic_op`. */
function opAlias(statement: Node, opNames: Set<string>): void {
  if (statement.childForFieldName('module_name')?.text !== 'alembic') return;
  for (const imported of statement.childrenForFieldName('name')) {
    if (imported.type !== 'aliased_import') continue;
    const alias = imported.childForFieldName('alias');
    if (imported.childForFieldName('name')?.text === 'op' && alias) opNames.add(alias.text);
  }
}

function guard(file: MigrationFile, work: () => void): void {
  try {
    work();
  } catch (error) {
    file.pythonErrors.push(internalError(error));
  }
}

function internalError(error: unknown): PythonSyntaxError {
  const detail = error instanceof Error ? error.message : String(error);
  return { message: `Internal error while analysing the file: ${detail}`, range: { start: 0, end: 0 } };
}

