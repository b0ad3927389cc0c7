// Loading the workspace once the parsers are ready, and rebuilding it when folders or settings change.
import { refreshBases } from './base';
import { applyDocument } from './documents';
import { buildProjects, reconfigureProjects } from './workspace-folders';
import { publishAll } from './publish';
import { parseSettings } from './settings';
import type { ServerState } from './state';

/** Builds a project per workspace folder, syncs the open documents and publishes for every migration file. */
export function loadWorkspace(state: ServerState): void {
  buildProjects(state);
  state.ready = true;
  for (const file of [...state.documents.keys()]) applyDocument(state, file);
  refreshBases(state);
  publishAll(state);
}

export function workspaceFoldersChanged(state: ServerState, roots: string[]): void {
  state.roots = roots;
  if (state.ready) loadWorkspace(state);
}

/** New `alembic` settings (the section as the client sends it). */
export function settingsChanged(state: ServerState, section: unknown): void {
  state.settings = parseSettings(section);
  if (!state.ready) return;
  reconfigureProjects(state);
  refreshBases(state);
  publishAll(state);
}
