// MigrationFile objects for graph tests, with only the fields the graph reads. The text is a real migration
// header and every StringField range points at its literal in that text, so tests can check ranges.
import { computeLineStarts } from '../../../server/src/core/text';
import type { MigrationFile, RevisionAssignment, StringField } from '../../../server/src/core/types';

export interface MigrationSpec {
  path: string;
  /** null: `revision = make_id()` (not a literal). */
  revision?: string | null;
  /** A string, a tuple (merge), `None` when undefined, or null for `down_revision = PREVIOUS` (not a literal). */
  down?: string | string[] | null;
  dependsOn?: string | string[];
  branchLabels?: string | string[];
  message?: string;
  createDate?: string;
  /** false: a helper module in versions/ without a revision. */
  isMigration?: boolean;
}

export function migration(spec: MigrationSpec): MigrationFile {
  let text = '';
  const message = spec.message ?? `revision ${spec.revision ?? ''}`;
  const docStart = text.length;
  text += `"""${message}\n\nRevision ID: ${spec.revision ?? ''}\nCreate Date: ${spec.createDate ?? ''}\n"""\n`;
  const docstring = { range: { start: docStart, end: text.length - 1 }, message, ...(spec.createDate ? { createDate: spec.createDate } : {}) };

  const assign = (name: string, value: string | string[] | null | undefined): RevisionAssignment | undefined => {
    if (value === undefined) return undefined;
    const start = text.length;
    text += `${name} = `;
    const valueStart = text.length;
    const ids: StringField[] = [];
    const literal = (id: string): void => {
      const s = text.length;
      text += JSON.stringify(id);
      ids.push({ value: id, range: { start: s, end: text.length } });
    };
    if (value === null) text += 'PREVIOUS';
    else if (value.length === 0) text += 'None';
    else if (typeof value === 'string') literal(value);
    else {
      text += '(';
      value.forEach((id, i) => {
        if (i > 0) text += ', ';
        literal(id);
      });
      text += ')';
    }
    const end = text.length;
    text += '\n';
    return { range: { start, end }, valueRange: { start: valueStart, end }, ids, unknown: value === null, isSequence: Array.isArray(value) && value.length > 0 };
  };

  const isMigration = spec.isMigration ?? true;
  const revision = isMigration ? assign('revision', spec.revision === undefined ? undefined : spec.revision) : undefined;
  const downRevision = isMigration ? assign('down_revision', spec.down === undefined ? [] : spec.down) : undefined;
  const branchLabels = assign('branch_labels', spec.branchLabels);
  const dependsOn = assign('depends_on', spec.dependsOn);
  return {
    path: spec.path,
    text,
    isMigration,
    ...(revision ? { revision } : {}),
    ...(downRevision ? { downRevision } : {}),
    ...(branchLabels ? { branchLabels } : {}),
    ...(dependsOn ? { dependsOn } : {}),
    docstring,
    pythonErrors: [],
    suppressions: { file: new Set(), lines: new Map() },
    lineStarts: computeLineStarts(text),
  };
}

/** A linear history 0001 <- 0002 <- ... of `count` files under `dir`. */
export function linear(dir: string, count: number, start = 1): MigrationFile[] {
  const files: MigrationFile[] = [];
  for (let i = start; i < start + count; i++) {
    const id = pad(i);
    files.push(migration({ path: `${dir}/${id}_step.py`, revision: id, down: i === start ? undefined : pad(i - 1) }));
  }
  return files;
}

export function pad(n: number): string {
  return String(n).padStart(4, '0');
}

/** Every 10th revision branches in two and a merge joins them again; one branch label, some depends_on. */
export function branchy(dir: string, count: number): MigrationFile[] {
  const files: MigrationFile[] = [];
  let previous: string | undefined;
  for (let i = 1; files.length < count; i++) {
    const id = pad(i);
    if (i % 10 === 0 && previous) {
      const side = `${id}s`;
      files.push(migration({ path: `${dir}/${side}.py`, revision: side, down: previous, branchLabels: i === 100 ? 'side' : undefined }));
      files.push(migration({ path: `${dir}/${id}.py`, revision: id, down: previous }));
      const merge = `${id}m`;
      files.push(migration({ path: `${dir}/${merge}.py`, revision: merge, down: [id, side], dependsOn: i % 50 === 0 ? side : undefined }));
      previous = merge;
    } else {
      files.push(migration({ path: `${dir}/${id}.py`, revision: id, down: previous }));
      previous = id;
    }
  }
  return files;
}
