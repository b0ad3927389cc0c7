// Whether a location needs a merge revision, as the server judged it: its graph's multiple-heads problem, the
// one the linter reports too. Counting `heads` here would offer Merge Heads while a down_revision that cannot be
// read (a name, a call) hides an edge and the linter, rightly, says nothing.
import type { GraphLocation } from '../../../protocol';

/** The heads a merge revision would join; undefined when the graph has no multiple-heads problem. */
export function headsToMerge(location: GraphLocation): string[] | undefined {
  return location.problems.find((problem) => problem.kind === 'multiple-heads')?.revisions;
}
