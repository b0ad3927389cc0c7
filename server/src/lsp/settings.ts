// The VS Code settings under `alembic.*` the server reads, from initializationOptions.settings, from
// workspace/configuration (section 'alembic') or from a didChangeConfiguration notification.
import type { LintConfig, RuleSetting } from '../core/config';

/** Which files show findings: every migration, those changed since the base, or those the connected database lacks. */
export const LINT_SCOPES = ['all', 'changed', 'pending'] as const;
export type LintScope = (typeof LINT_SCOPES)[number];

export interface AlembicSettings {
  lint: {
    enable: boolean;
    rules: Record<string, RuleSetting>;
    scope: LintScope;
    /** The git ref edits are compared with; '' chooses one as the CLI does (upstream, origin/HEAD, main, master). */
    baseRef: string;
  };
}

export const defaultSettings: AlembicSettings = { lint: { enable: true, rules: {}, scope: 'all', baseRef: '' } };

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Reads the `alembic` section; anything malformed falls back to the default (the resolver validates rule values). */
export function parseSettings(section: unknown): AlembicSettings {
  const lint = record(record(section)?.['lint']);
  const rules: Record<string, RuleSetting> = {};
  for (const [id, value] of Object.entries(record(lint?.['rules']) ?? {})) {
    if (typeof value === 'string') rules[id] = value as RuleSetting;
  }
  const scope = LINT_SCOPES.find((value) => value === lint?.['scope']) ?? defaultSettings.lint.scope;
  const baseRef = typeof lint?.['baseRef'] === 'string' ? lint['baseRef'].trim() : defaultSettings.lint.baseRef;
  return { lint: { enable: lint?.['enable'] !== false, rules, scope, baseRef } };
}

/** What the settings override of the project's configuration: rule severities, and the base (as `base =` does). */
export function settingsOverrides(settings: AlembicSettings): Partial<LintConfig> {
  return { rules: settings.lint.rules, ...(settings.lint.baseRef ? { base: settings.lint.baseRef } : {}) };
}
