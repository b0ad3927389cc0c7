// verify's text report: a table of the revisions, their problems with file:line, where the static model and
// PostgreSQL disagree, and a summary line with the run's time. Pure: the unit tests read it as users do.
import type { VerifyJson, VerifyProgressJson, VerifyRevisionJson } from '../../../common/verify-json';

const STEP_WORDS: Record<VerifyProgressJson['step'], string> = {
  upgrade: 'upgrade',
  downgrade: 'downgrade, compare with the schema before',
  reupgrade: 'upgrade again',
  rerun: 're-run over the upgraded schema',
};

/** `[2/5] 0002: downgrade, compare with the schema before` on a terminal (rewritten per step); `[2/5] 0002` otherwise. */
export function progressLine(event: VerifyProgressJson, withStep: boolean): string {
  const head = `[${event.index}/${event.total}] ${event.revision}`;
  return withStep ? `${head}: ${STEP_WORDS[event.step]}` : head;
}

export function formatVerifyText(result: VerifyJson, o: { seconds: number; prepared: number }): string {
  const lines: string[] = [];
  const where = result.database === 'embedded' ? 'the embedded database (PGlite, a temporary folder)' : `a scratch database on ${result.database}`;
  if (result.revisions.length === 0) {
    lines.push(`Nothing to verify${o.prepared > 0 ? `: every revision is at or below the one given` : ''} (on ${where}).`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(...table(result.revisions), '');
  const withProblems = result.revisions.filter((r) => r.problems.length > 0);
  if (withProblems.length > 0) {
    lines.push('Problems:');
    for (const revision of withProblems) {
      for (const problem of revision.problems) {
        const at = problem.line === null ? revision.file : `${revision.file}:${problem.line}`;
        const [first, ...rest] = problem.message.split('\n');
        lines.push(`  ${at}: ${revision.revision} ${problem.step}: ${problemWord(problem)}${problem.object ? ` ${problem.object}` : ''}: ${first}`);
        for (const more of rest) lines.push(`      ${more}`);
      }
    }
    lines.push('');
  }
  const disagreeing = result.revisions.filter((r) => r.modelDisagreements?.length);
  for (const revision of disagreeing) {
    lines.push(`The static model disagrees with PostgreSQL at ${revision.revision} (a bug of alembic-lint's; trust PostgreSQL):`);
    for (const line of revision.modelDisagreements ?? []) lines.push(`  ${line}`);
    lines.push('');
  }
  lines.push(summary(result, where, o));
  return `${lines.join('\n')}\n`;
}

function problemWord(problem: VerifyRevisionJson['problems'][number]): string {
  if (problem.kind === 'failed') return problem.step === 'rerun' ? 'fails on a re-run' : 'failed';
  return problem.kind;
}

function table(revisions: readonly VerifyRevisionJson[]): string[] {
  const rows = revisions.map((r) => [r.revision, statusText(r), r.problems.length === 0 ? '-' : String(r.problems.length), r.file]);
  const header = ['REVISION', 'STATUS', 'PROBLEMS', 'FILE'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const format = (row: string[]): string => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ');
  return [format(header), ...rows.map(format)];
}

function statusText(revision: VerifyRevisionJson): string {
  if (revision.status === 'ok') return 'ok';
  if (revision.status === 'irreversible') return 'irreversible';
  return 'FAILED';
}

function summary(result: VerifyJson, where: string, o: { seconds: number; prepared: number }): string {
  const count = (status: VerifyRevisionJson['status']): number => result.revisions.filter((r) => r.status === status).length;
  const parts = [`${count('ok')} ok`, ...(count('failed') ? [`${count('failed')} failed`] : []), ...(count('irreversible') ? [`${count('irreversible')} irreversible`] : [])];
  const n = result.revisions.length;
  const prepared = o.prepared > 0 ? ` after applying ${o.prepared} without verifying` : '';
  return `${n} revision${n === 1 ? '' : 's'} verified${prepared} on ${where} in ${o.seconds.toFixed(1)} s: ${parts.join(', ')}.`;
}
