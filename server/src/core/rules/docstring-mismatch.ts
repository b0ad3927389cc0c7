import type { RuleDefinition } from './types';

export const docstringMismatch: RuleDefinition = {
  meta: {
    id: 'docstring-mismatch',
    defaultSeverity: 'warning',
    summary: "The docstring's `Revision ID:` / `Revises:` disagree with `revision` / `down_revision`",
    fix: 'always',
    scope: 'file',
  },
  check({ file, report }) {
    const doc = file.docstring;
    if (!doc) return;
    const revision = file.revision;
    if (doc.revisionId && revision && !revision.unknown && revision.ids.length === 1) {
      const id = revision.ids[0]!.value;
      if (doc.revisionId.value !== id) {
        report({
          message: `Docstring says "Revision ID: ${doc.revisionId.value}" but revision = "${id}"`,
          range: doc.revisionId.range,
          fixes: [{ title: `Change the docstring to "Revision ID: ${id}"`, edits: [{ range: doc.revisionId.range, newText: id }] }],
        });
      }
    }
    const down = file.downRevision;
    if (doc.revises && down && !down.unknown) {
      const actual = down.ids.map((s) => s.value);
      const written = doc.revises.ids;
      const same = actual.length === written.length && actual.every((id) => written.includes(id));
      if (!same) {
        const text = actual.join(', ');
        report({
          message: `Docstring says "Revises: ${written.length ? written.join(', ') : 'None'}" but down_revision is ${actual.length ? actual.map((a) => `"${a}"`).join(', ') : 'None'}`,
          range: doc.revises.range,
          fixes: [{ title: `Change the docstring to "Revises: ${text}"`, edits: [{ range: doc.revises.range, newText: text }] }],
        });
      }
    }
  },
};
