// What a finished verify says: per revision its status and problems, where the static model disagreed with
// PostgreSQL, the time (the Alembic output); and one sentence for the notification. Pure.
import type { VerifyJson, VerifyRevisionJson } from '../../../common/verify-json';
import { problemMessage } from './verify-diagnostics';

export interface VerifyCounts {
  total: number;
  ok: number;
  failed: number;
  irreversible: number;
}

export function verifyCounts(json: VerifyJson): VerifyCounts {
  const count = (status: VerifyRevisionJson['status']): number => json.revisions.filter((r) => badgeOf(r) === status).length;
  return { total: json.revisions.length, ok: count('ok'), failed: count('failed'), irreversible: count('irreversible') };
}

/** A revision with a problem is failed whatever its status says: the badge and the counts agree on it. */
export function badgeOf(revision: Pick<VerifyRevisionJson, 'status' | 'problems'>): VerifyRevisionJson['status'] {
  return revision.problems.length > 0 ? 'failed' : revision.status;
}

/** "Verified 5 migrations of backend: 4 ok, 1 failed" (irreversible ones are named: they were not downgraded). */
export function countsSentence(counts: VerifyCounts, project?: string): string {
  const of = project ? ` of ${project}` : '';
  if (counts.total === 0) return `Verified no migration${of}: nothing to verify`;
  const parts = [`${counts.ok} ok`, ...(counts.failed ? [`${counts.failed} failed`] : []), ...(counts.irreversible ? [`${counts.irreversible} irreversible`] : [])];
  return `Verified ${counts.total} ${counts.total === 1 ? 'migration' : 'migrations'}${of}: ${counts.total === counts.ok ? 'all ok' : parts.join(', ')}`;
}

const MARKS: Record<VerifyRevisionJson['status'], string> = { ok: '✓', failed: '✗', irreversible: '↯' };

/** The summary for the Alembic output: a line per revision, its problems under it, the model's disagreements, the time. */
export function summaryLines(json: VerifyJson, seconds: number, title: (revision: string) => string): string[] {
  const lines: string[] = [];
  for (const revision of json.revisions) {
    const status = badgeOf(revision);
    const note = status === 'irreversible' ? ' (its downgrade raises on purpose: not a problem)' : '';
    lines.push(`${MARKS[status]} ${title(revision.revision)}  ${status}${note}  (${revision.file})`);
    for (const problem of revision.problems) lines.push(`    ${problemMessage(problem)}${problem.line !== null ? ` [line ${problem.line}]` : ''}`);
    for (const disagreement of revision.modelDisagreements ?? []) {
      lines.push(`    The static model disagrees with PostgreSQL at ${revision.revision}: ${disagreement} (PostgreSQL is right: a bug of the linter's model)`);
    }
  }
  const where = json.database === 'embedded' ? 'the embedded database' : `a scratch database on ${json.database}`;
  lines.push(`${countsSentence(verifyCounts(json))}, on ${where}, in ${seconds.toFixed(1)} s.`);
  return lines;
}
