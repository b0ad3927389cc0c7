import type { MigrationFile, Range } from '../types';

/** One Alembic script location: the folder with env.py, and the folders its revisions live in. */
export interface ScriptLocation {
  /** Absolute path of the script location (e.g. /repo/backend/database_migrations). */
  path: string;
  /** Absolute paths of the folders holding revision files (versions/ and any version_locations). */
  versionDirs: string[];
  /** The alembic.ini that declared it, when there is one. */
  iniFile?: string;
  /** The alembic.ini `alembic -c` reads for it: the one declaring it, or the one beside the pyproject.toml declaring it. */
  alembicIni?: string;
  /** sqlalchemy.url of that ini's [alembic] section (what `alembic` without --name connects to), interpolated: may hold a password. */
  sqlalchemyUrl?: string;
  /**
   * false: only files directly inside versionDirs count (a folder given as is, not a tree of migrations).
   * Otherwise subfolders count too, as with Alembic's recursive_version_locations.
   */
  recursive?: boolean;
}

export interface RevisionNode {
  id: string;
  /** File that declares it (the first one when duplicated). */
  file: string;
  /** down_revision ids (several for a merge). */
  parents: string[];
  dependsOn: string[];
  branchLabels: string[];
  children: string[];
  /**
   * depends_on resolved to revision ids (branch labels replaced by the revision declaring them; ids naming
   * nothing left out). `dependsOn` keeps the entries as written.
   */
  dependencies: string[];
  /** Revisions whose depends_on names this one (resolved). */
  dependents: string[];
  /** down_revision is not a literal (a name, a call): the parents are unknown. */
  unknownParents: boolean;
  /** Docstring message (first line), '' when there is none. */
  message: string;
  createDate?: string;
}

export interface RevisionReference {
  file: string;
  /** The id as written. */
  id: string;
  range: Range;
  field: 'down_revision' | 'depends_on';
}

export interface RevisionGraph {
  location: ScriptLocation;
  /** Migration files of this location (isMigration true), in path order. */
  files: MigrationFile[];
  nodes: Map<string, RevisionNode>;
  /** Revisions no other revision names as parent, sorted. */
  heads: string[];
  /** Revisions with no parent, sorted. */
  bases: string[];
  /** Revisions with several parents. */
  merges: string[];
  /** Revisions with several children. */
  branchPoints: string[];
  /** Revision id -> every file declaring it, for ids declared more than once. */
  duplicates: Map<string, string[]>;
  /** down_revision / depends_on entries naming no known revision (nor branch label). */
  unknownReferences: RevisionReference[];
  /** Each cycle as the list of ids around it (first id repeated at the end is not included). */
  cycles: string[][];
  /** Branch label -> the revision declaring it (the first one when a label is declared twice). */
  labels: Map<string, string>;
  /**
   * Migration files whose `revision` is not a literal: they are not nodes, so an id nobody declares may be theirs
   * and unknownReferences is left empty while there is one.
   */
  opaqueFiles: string[];
}
