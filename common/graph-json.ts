// The revision graph as plain JSON, its one definition: `alembic-lint graph --format json` prints it (paths
// relative, server/src/core/graph/json.ts builds it) and the language server answers `alembic/graph` with it
// (paths absolute, protocol/graph.ts). The first fields (locations[].path, heads, bases, revisions[].revision,
// file, down_revisions) are a public contract.

export interface GraphJson {
  locations: GraphLocation[];
}

export interface GraphLocation {
  /** The script location. */
  path: string;
  /** The alembic.ini that `alembic -c` reads for this location; null when none declares it (a bare versions/ folder). */
  ini: string | null;
  heads: string[];
  bases: string[];
  /** Newest first, as `alembic history` lists them. */
  revisions: GraphRevision[];
  merges: string[];
  branch_points: string[];
  problems: GraphProblem[];
}

export interface GraphRevision {
  revision: string;
  /** The file declaring the revision. */
  file: string;
  /** As declared (a branch label replaced by its revision); an id naming nothing is kept and reported in problems. */
  down_revisions: string[];
  /** The docstring's first line. */
  message: string;
  depends_on: string[];
  branch_labels: string[];
  create_date: string | null;
  /** What the revision's downgrade destroys: data ("drop table orders", "DELETE FROM users"), for confirmations. */
  downgrade_destructive: string[];
  /** What the downgrade drops that holds no data ("drop index ix_orders_status", "drop constraint fk on orders"). */
  downgrade_drops_without_data: string[];
  /**
   * What the analysis of the downgrade could not judge ("op.drop_table with a name known only at run time", SQL built at
   * run time, a helper call): it may destroy data too, so the confirmation says so rather than "nothing destructive".
   */
  downgrade_unanalysed: string[];
}

export type GraphProblemKind = 'unknown-down-revision' | 'duplicate-revision' | 'multiple-heads' | 'revision-cycle';

export interface GraphProblem {
  kind: GraphProblemKind;
  message: string;
  /** Revisions involved, in the order the message names them. */
  revisions: string[];
}
