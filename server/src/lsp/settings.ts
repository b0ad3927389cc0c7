// The VS Code settings under `alembic.*` the server reads, from initializationOptions.settings, from
// workspace/configuration (section 'alembic') or from a didChangeConfiguration notification.
import type { LintConfig, RuleSetting } from '../core/config';

export interface AlembicSettings {
  lint: { enable: boolean; rules: Record<string, RuleSetting> };
}

export const defaultSettings: AlembicSettings = { lint: { enable: true, rules: {} } };

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
  return { lint: { enable: lint?.['enable'] !== false, rules } };
}

export function settingsOverrides(settings: AlembicSettings): Partial<LintConfig> {
  return { rules: settings.lint.rules };
}
