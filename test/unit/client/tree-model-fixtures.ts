// Small GraphLocation builders for the client's logic tests: the shape the server's `alembic/graph` sends.
import type { GraphLocation, GraphProblem, GraphRevision } from '../../../protocol';

export const LOC = '/w/backend/database_migrations';

export function rev(revision: string, down: string[] = [], extra: Partial<GraphRevision> = {}): GraphRevision {
  return {
    revision,
    file: `${LOC}/versions/${revision}_step.py`,
    down_revisions: down,
    message: `step ${revision}`,
    depends_on: [],
    branch_labels: [],
    create_date: '2026-01-02 03:04:05.678901',
    downgrade_destructive: [],
    downgrade_drops_without_data: [],
    downgrade_unanalysed: [],
    ...extra,
  };
}

/** Revisions newest first; heads, bases, merges and branch points derived from down_revisions. */
export function location(revisions: GraphRevision[], problems: GraphProblem[] = [], path = LOC): GraphLocation {
  const children = new Map<string, number>();
  for (const r of revisions) for (const p of r.down_revisions) children.set(p, (children.get(p) ?? 0) + 1);
  return {
    path,
    ini: null,
    heads: revisions.filter((r) => !children.has(r.revision)).map((r) => r.revision),
    bases: revisions.filter((r) => r.down_revisions.length === 0).map((r) => r.revision),
    revisions,
    merges: revisions.filter((r) => r.down_revisions.length > 1).map((r) => r.revision),
    branch_points: revisions.filter((r) => (children.get(r.revision) ?? 0) > 1).map((r) => r.revision),
    problems,
  };
}

/** 0001 <- 0002 <- ... <- 000n, newest first. */
export function linear(n: number): GraphLocation {
  const revisions: GraphRevision[] = [];
  for (let i = n; i >= 1; i--) revisions.push(rev(id(i), i === 1 ? [] : [id(i - 1)]));
  return location(revisions);
}

export function id(n: number): string {
  return String(n).padStart(4, '0');
}

/**
 * Two branches from 0001 merged by 0005:
 *   0001 <- 0002 <- 0003 (branch a) ; 0001 <- 0004 (branch b) ; 0005 merges 0003 and 0004.
 */
export function branched(): GraphLocation {
  return location([
    rev('0005', ['0003', '0004']),
    rev('0004', ['0001']),
    rev('0003', ['0002']),
    rev('0002', ['0001']),
    rev('0001'),
  ]);
}
