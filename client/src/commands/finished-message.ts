// What a command that finished says in the status bar for a few seconds: silence after a progress notification
// leaves users wondering whether it worked. Failures keep their error notification (alembic/run.ts).
import { countsSentence, type VerifyCounts } from '../verify/verify-summary';

export type Finished =
  | { kind: 'upgrade' | 'downgrade' | 'stamp'; project: string; /** revisionTitle of each current revision; empty: base. */ at: readonly string[] }
  /** `at` undefined: the extension cannot read the version table; the output channel shows what Alembic printed. */
  | { kind: 'current'; project: string; at: readonly string[] | undefined }
  | { kind: 'revision' | 'merge'; project: string; /** The new file's name. */ file: string }
  | { kind: 'verify'; project: string; counts: VerifyCounts };

/** How long the message stays. */
export const FINISHED_MESSAGE_MS = 6000;

export function finishedMessage(finished: Finished): string {
  const text = ((): string => {
    switch (finished.kind) {
      case 'revision':
        return `created ${finished.file} in ${finished.project}`;
      case 'merge':
        return `merged the heads of ${finished.project} in ${finished.file}`;
      case 'upgrade':
        return `${finished.project} upgraded to ${at(finished.at)}`;
      case 'downgrade':
        return `${finished.project} downgraded to ${at(finished.at)}`;
      case 'stamp':
        return `${finished.project} stamped as ${at(finished.at)}`;
      case 'current':
        return finished.at ? `${finished.project} is at ${at(finished.at)}` : `the current revision of ${finished.project} is in the Alembic output`;
      case 'verify': {
        const sentence = countsSentence(finished.counts, finished.project);
        return sentence.charAt(0).toLowerCase() + sentence.slice(1);
      }
    }
  })();
  return `$(check) Alembic: ${text}`;
}

function at(revisions: readonly string[]): string {
  return revisions.length === 0 ? 'base' : revisions.join(', ');
}
