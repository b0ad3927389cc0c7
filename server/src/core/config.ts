// One configuration type and one resolver, used by the server, the CLI and the tests.
import * as path from 'node:path';
import type * as Toml from 'smol-toml' with { 'resolution-mode': 'import' };
import type { FileSystem } from './fs';
import type { Severity } from './types';

// smol-toml declares types only for its ESM entry; at run time `require` (and esbuild) load its CommonJS build.
const toml: typeof Toml = require('smol-toml');

export type RuleSetting = Severity | 'off';

export interface LintConfig {
  /** Rule id -> severity or 'off'. Missing ids use the rule's default. */
  rules: Record<string, RuleSetting>;
  /** Glob-like path fragments to skip (matched against the path relative to the workspace root). */
  exclude: string[];
  /** The git ref the files are compared with (`origin/main`); undefined: the branch's upstream, origin/HEAD, main or master. */
  base?: string;
  /** Report only the files added or changed since the base (the rules still read every file). */
  onlyChanged: boolean;
}

interface ValueSetting {
  /** Its name in `[tool.alembic-lint]`. */
  key: string;
  /** Its name in LintConfig, which flags and editor settings (the overrides) use. */
  field: keyof LintConfig;
  /** What a good value is, for the problem a bad one makes. */
  expected: string;
  /** Sets the value when it is a good one; false when it is not. */
  apply(config: LintConfig, value: unknown): boolean;
}

/**
 * What may name a git ref here: no spaces, and never what git would read as an option (`--output=x`). Git itself
 * says whether the ref exists.
 */
export function looksLikeGitRef(value: string): boolean {
  return /^[^-\s]\S*$/.test(value);
}

/** The settings that hold one value: one list, so the resolver, the unknown-setting check and the messages agree. */
const VALUE_SETTINGS: readonly ValueSetting[] = [
  {
    key: 'base',
    field: 'base',
    expected: 'a git ref such as "origin/main"',
    apply(config, value) {
      if (typeof value !== 'string' || !looksLikeGitRef(value.trim())) return false;
      config.base = value.trim();
      return true;
    },
  },
  {
    key: 'only-changed',
    field: 'onlyChanged',
    expected: 'true or false',
    apply(config, value) {
      if (typeof value !== 'boolean') return false;
      config.onlyChanged = value;
      return true;
    },
  },
];

export interface ConfigSources {
  /** Text of the nearest pyproject.toml, if any. */
  pyproject?: { path: string; text: string };
  /** Later sources win: VS Code settings (server) or CLI flags. */
  overrides?: Partial<LintConfig>;
}

export interface ConfigProblem {
  /** File the problem is in (pyproject.toml), or 'settings'. */
  source: string;
  message: string;
  /** 1-based line in `source`, when known. */
  line?: number;
  /**
   * A setting this version does not know (a typo, or one from a newer version): the rest of the file applies.
   * Every other problem means the file does not say what was meant.
   */
  unknownSetting?: true;
}

const RULE_SETTINGS: readonly RuleSetting[] = ['error', 'warning', 'info', 'hint', 'off'];
const SECTION_KEYS = ['rules', 'exclude', ...VALUE_SETTINGS.map((s) => s.key)];
const SECTION = 'tool.alembic-lint';

export type TomlResult = { value: Record<string, unknown> } | { error: { message: string; line?: number } };

/** TOML text -> table, or the parser's message (first line only: smol-toml appends a code excerpt) and line. */
export function parseToml(text: string): TomlResult {
  try {
    return { value: toml.parse(text) as Record<string, unknown> };
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
    return { error: error instanceof toml.TomlError ? { message, line: error.line } : { message } };
  }
}

/**
 * Defaults (`knownRules`: rule id -> default severity) -> `[tool.alembic-lint]` in pyproject.toml -> overrides.
 * Never throws: a broken file or a bad value becomes a problem and the value falls back to the earlier source.
 * Without `knownRules` every rule id is accepted (nothing to check it against).
 */
export function resolveConfig(
  sources: ConfigSources,
  knownRules?: ReadonlyMap<string, RuleSetting>,
): { config: LintConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const config: LintConfig = { rules: {}, exclude: [], onlyChanged: false };
  if (knownRules) for (const [id, severity] of knownRules) config.rules[id] = severity;

  if (sources.pyproject) {
    const { path: file, text } = sources.pyproject;
    const section = readSection(file, text, problems);
    if (section) applySection(config, section, (setting) => section[setting.key], { source: file, text, knownRules, problems });
  }
  const overrides: Record<string, unknown> | undefined = sources.overrides;
  if (overrides) applySection(config, overrides, (setting) => overrides[setting.field], { source: 'settings', knownRules, problems });
  return { config, problems };
}

interface ApplyContext {
  source: string;
  /** Text of the source file, to point problems at a line. */
  text?: string;
  knownRules: ReadonlyMap<string, RuleSetting> | undefined;
  problems: ConfigProblem[];
}

/**
 * The `[tool.alembic-lint]` table of a pyproject.toml. A file given with `--config` that is not a pyproject.toml
 * may also hold the settings at its top level.
 */
function readSection(file: string, text: string, problems: ConfigProblem[]): Record<string, unknown> | undefined {
  const parsed = parseToml(text);
  if ('error' in parsed) {
    problems.push({ source: file, message: `Cannot read ${path.basename(file)}: ${parsed.error.message}`, line: parsed.error.line });
    return undefined;
  }
  const tool = parsed.value['tool'];
  const declared = isTable(tool) ? tool['alembic-lint'] : undefined;
  if (declared === undefined && path.basename(file) === 'pyproject.toml') return undefined;
  const section = declared ?? parsed.value;
  if (!isTable(section)) {
    problems.push({ source: file, message: `[${SECTION}] must be a table`, line: lineOf(text, 'alembic-lint') });
    return undefined;
  }
  const where = declared === undefined ? path.basename(file) : `[${SECTION}]`;
  for (const key of Object.keys(section)) {
    if (!SECTION_KEYS.includes(key)) {
      problems.push({ source: file, message: `Unknown setting "${key}" in ${where} (known: ${SECTION_KEYS.join(', ')})`, line: lineOf(text, key), unknownSetting: true });
    }
  }
  return section;
}

/** `valueOf`: a value setting as the source spells it (pyproject.toml: `only-changed`; overrides: `onlyChanged`). */
function applySection(config: LintConfig, section: Record<string, unknown>, valueOf: (setting: ValueSetting) => unknown, ctx: ApplyContext): void {
  for (const setting of VALUE_SETTINGS) {
    const value = valueOf(setting);
    if (value === undefined) continue;
    if (!setting.apply(config, value)) report(ctx, `"${setting.key}" must be ${setting.expected} (got ${JSON.stringify(value)})`, setting.key);
  }
  const { rules, exclude } = section;
  if (rules !== undefined) {
    if (isTable(rules)) applyRules(config, rules, ctx);
    else report(ctx, '"rules" must be a table of rule id = "error" | "warning" | "info" | "hint" | "off"', 'rules');
  }
  if (exclude !== undefined) {
    if (Array.isArray(exclude) && exclude.every((e) => typeof e === 'string')) {
      // Every source adds to the exclusions: settings narrow what is linted, they do not re-include.
      for (const pattern of exclude as string[]) if (!config.exclude.includes(pattern)) config.exclude.push(pattern);
    } else {
      report(ctx, '"exclude" must be a list of glob strings', 'exclude');
    }
  }
}

function applyRules(config: LintConfig, rules: Record<string, unknown>, ctx: ApplyContext): void {
  for (const [id, value] of Object.entries(rules)) {
    if (ctx.knownRules && !ctx.knownRules.has(id)) {
      report(ctx, `Unknown rule "${id}"`, id);
      continue;
    }
    const setting = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
    if (!RULE_SETTINGS.includes(setting as RuleSetting)) {
      report(ctx, `Invalid value ${JSON.stringify(value)} for rule "${id}": expected one of ${RULE_SETTINGS.join(', ')}`, id);
      continue;
    }
    config.rules[id] = setting as RuleSetting;
  }
}

function report(ctx: ApplyContext, message: string, key: string): void {
  const line = ctx.text === undefined ? undefined : lineOf(ctx.text, key);
  ctx.problems.push(line === undefined ? { source: ctx.source, message } : { source: ctx.source, message, line });
}

/** 1-based line of the first `key =` (bare or quoted) in TOML text; a best effort for messages. */
function lineOf(text: string, key: string): number | undefined {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(^|[\\s{,.])["']?${escaped}["']?\\s*=`, 'm').exec(text);
  if (!match) return undefined;
  let line = 1;
  for (let i = 0; i < match.index + match[1]!.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/**
 * The nearest pyproject.toml at or above `startDir` (up to `stopAt` included, else the file-system root) that
 * configures alembic-lint: a project's own pyproject.toml without our section must not hide the one above.
 */
export function findNearestPyproject(startDir: string, stopAt: string | undefined, fs: FileSystem): string | undefined {
  let dir = path.resolve(startDir);
  const stop = stopAt === undefined ? undefined : path.resolve(stopAt);
  for (;;) {
    const candidate = path.join(dir, 'pyproject.toml');
    if (fs.readFile(candidate)?.includes('alembic-lint')) return candidate;
    const parent = path.dirname(dir);
    if (dir === stop || parent === dir) return undefined;
    dir = parent;
  }
}

const globCache = new Map<string, RegExp>();

/**
 * Whether a workspace-relative path matches one of the patterns. `*` and `?` stay within a path segment, `**`
 * crosses segments. A pattern without `/` matches any segment (like .gitignore); a pattern with one is anchored
 * at the root. Matching a folder excludes everything under it.
 */
export function isExcluded(relativePath: string, patterns: readonly string[]): boolean {
  const normalized = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
  return patterns.some((pattern) => globRegExp(pattern).test(normalized));
}

function globRegExp(pattern: string): RegExp {
  let re = globCache.get(pattern);
  if (re) return re;
  const cleaned = pattern.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  const anchored = cleaned.includes('/');
  const body = globBody(cleaned.replace(/^\//, ''));
  re = new RegExp(anchored ? `^${body}(?:/.*)?$` : `(?:^|/)${body}(?:/.*)?$`);
  globCache.set(pattern, re);
  return re;
}

function globBody(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` also matches no folder at all; a trailing `**` matches anything below.
      if (glob[i + 2] === '/') {
        out += '(?:.*/)?';
        i += 2;
      } else {
        out += '.*';
        i += 1;
      }
    } else if (c === '*') {
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else {
      out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return out;
}
