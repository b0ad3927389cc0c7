// Open documents: the editor's text replaces the file on disk in the workspace while the document is open.
import { projectFor, projectForDocument, releaseLooseProject } from './workspace-folders';
import { publishPaths } from './publish';
import { describeError, guarded, type OpenDocument, type ServerState } from './state';
import { uriToPath } from './uri';

/** Opened or edited: analysed at once, or, in a burst of changes, at the next interval. */
export function documentChanged(state: ServerState, document: OpenDocument): void {
  const file = uriToPath(document.uri);
  if (!file) return;
  state.documents.set(file, document);
  // Before the workspace is loaded the text only waits: loading syncs every open document.
  if (state.ready) state.throttle.schedule(file, () => syncDocument(state, file));
}

/** Gives the workspace the document's current text; returns the paths whose findings may have changed. */
export function applyDocument(state: ServerState, file: string): Set<string> {
  state.throttle.cancel(file);
  const document = state.documents.get(file);
  if (!document) return new Set();
  const version = document.version;
  try {
    const text = document.getText();
    const affected = projectForDocument(state, file, text)?.workspace.update(file, text) ?? new Set<string>();
    state.syncedVersions.set(file, version);
    affected.add(file);
    return affected;
  } catch (error) {
    // The workspace may still hold older text: answer this version with nothing rather than with stale findings.
    state.sink.error(`Analysing ${file} failed: ${describeError(error)}`);
    state.syncedVersions.set(file, version);
    state.published.delete(file);
    state.sink.publishDiagnostics(document.uri, [], version);
    return new Set();
  }
}

export function syncDocument(state: ServerState, file: string): void {
  publishPaths(state, applyDocument(state, file));
}

/** Makes sure the workspace holds the text the client has, before answering a request about it. */
export function flushDocument(state: ServerState, file: string): void {
  const document = state.documents.get(file);
  if (state.ready && document && state.syncedVersions.get(file) !== document.version) syncDocument(state, file);
}

/** Closed: the file on disk counts again (a closed file outside every workspace folder is no longer linted). */
export function documentClosed(state: ServerState, uri: string): void {
  const file = uriToPath(uri);
  if (!file) return;
  state.throttle.forget(file);
  state.documents.delete(file);
  state.syncedVersions.delete(file);
  if (!state.ready) return;
  const affected = guarded(state, `Re-reading ${file}`, () => projectFor(state, file)?.workspace.update(file, undefined), undefined) ?? new Set<string>();
  affected.add(file);
  releaseLooseProject(state, file);
  publishPaths(state, affected);
}
