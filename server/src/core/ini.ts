// A reader for alembic.ini with the parts of Python's configparser Alembic relies on: sections,
// `key = value` / `key: value`, indented continuation lines, full-line `#`/`;` comments,
// BasicInterpolation (`%(name)s` from the section and [DEFAULT], `%%`).

export interface IniFile {
  /** Section name -> raw (uninterpolated) values, option names lower-cased as configparser does. */
  sections: Map<string, Map<string, string>>;
  /** [DEFAULT] plus the defaults given to parseIni (Alembic passes `here`). */
  defaults: Map<string, string>;
  /** `section\0option` -> 1-based line where the option starts, for messages. */
  lines: Map<string, number>;
}

const SECTION = /^\[(.+)\]/;
// The first `=` or `:` separates name and value, like configparser's non-greedy option pattern.
const OPTION = /^(.*?)\s*[=:]\s*(.*)$/;
const MAX_INTERPOLATION_DEPTH = 10;

export function parseIni(text: string, defaults: Record<string, string> = {}): IniFile {
  const ini: IniFile = { sections: new Map(), defaults: new Map(Object.entries(defaults)), lines: new Map() };
  let sectionName = '';
  let section: Map<string, string> | undefined;
  let option: string | undefined;
  let optionIndent = 0;
  // Blank lines inside a multi-line value are kept by configparser until the value ends.
  let pendingBlankLines = 0;

  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  for (const [index, line] of lines.entries()) {
    const trimmed = line.trim();
    if (trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    if (trimmed === '') {
      if (option !== undefined) pendingBlankLines++;
      continue;
    }
    const indent = line.length - line.trimStart().length;
    if (section && option !== undefined && indent > optionIndent) {
      const previous = section.get(option) ?? '';
      section.set(option, previous + '\n'.repeat(pendingBlankLines + 1) + trimmed);
      pendingBlankLines = 0;
      continue;
    }
    pendingBlankLines = 0;
    const header = SECTION.exec(trimmed);
    if (header) {
      const name = header[1] ?? '';
      section = name === 'DEFAULT' ? ini.defaults : getOrCreate(ini.sections, name);
      sectionName = name;
      option = undefined;
      continue;
    }
    const match = OPTION.exec(trimmed);
    // Options before any section header, or lines without a delimiter, are errors in configparser: skip them.
    if (!section || !match) {
      option = undefined;
      continue;
    }
    option = (match[1] ?? '').toLowerCase();
    optionIndent = indent;
    section.set(option, match[2] ?? '');
    ini.lines.set(`${sectionName}\0${option}`, index + 1);
  }
  return ini;
}

function getOrCreate(sections: Map<string, Map<string, string>>, name: string): Map<string, string> {
  let section = sections.get(name);
  if (!section) {
    section = new Map();
    sections.set(name, section);
  }
  return section;
}

/** Raw value of an option in a section (falling back to [DEFAULT]), without interpolation. */
function rawValue(ini: IniFile, section: string, key: string): string | undefined {
  return ini.sections.get(section)?.get(key) ?? ini.defaults.get(key);
}

/**
 * Interpolated value of `key` in `section` ([DEFAULT] values apply to every section).
 * References that cannot be resolved are left as written rather than failing the whole file.
 */
export function iniGet(ini: IniFile, section: string, key: string): string | undefined {
  const raw = rawValue(ini, section, key.toLowerCase());
  return raw === undefined ? undefined : interpolate(ini, section, raw, 0);
}

function interpolate(ini: IniFile, section: string, value: string, depth: number): string {
  if (!value.includes('%')) return value;
  return value.replace(/%%|%\(([^)]*)\)s/g, (whole, name: string | undefined) => {
    if (name === undefined) return '%';
    const raw = rawValue(ini, section, name.toLowerCase());
    if (raw === undefined || depth >= MAX_INTERPOLATION_DEPTH) return whole;
    return interpolate(ini, section, raw, depth + 1);
  });
}

/**
 * Why configparser's BasicInterpolation would refuse the option (Alembic then stops before doing anything), or
 * undefined when it interpolates: a `%(name)s` naming no option of the section or [DEFAULT], a `%` followed by
 * neither `%` nor `(`, references nested too deep.
 */
export function interpolationError(ini: IniFile, section: string, key: string): string | undefined {
  const check = (value: string, depth: number): string | undefined => {
    if (depth > MAX_INTERPOLATION_DEPTH) return 'references nested too deep (a loop?)';
    for (let at = value.indexOf('%'); at !== -1; at = value.indexOf('%', at + 1)) {
      if (value[at + 1] === '%') {
        at++;
        continue;
      }
      const reference = /^%\(([^)]*)\)s/.exec(value.slice(at));
      if (!reference) return `'%' must be followed by '%' or '(name)s' (at "${value.slice(at, at + 10)}")`;
      const name = reference[1] ?? '';
      const raw = rawValue(ini, section, name.toLowerCase());
      if (raw === undefined) return `%(${name})s names no option of [${section}] or [DEFAULT]`;
      const nested = check(raw, depth + 1);
      if (nested) return nested;
      at += reference[0].length - 1;
    }
    return undefined;
  };
  const raw = rawValue(ini, section, key.toLowerCase());
  return raw === undefined ? undefined : check(raw, 0);
}

/** 1-based line of an option in a section (or in [DEFAULT], where the section inherits it from). */
export function iniLine(ini: IniFile, section: string, key: string): number | undefined {
  return ini.lines.get(`${section}\0${key.toLowerCase()}`) ?? ini.lines.get(`DEFAULT\0${key.toLowerCase()}`);
}

/**
 * `%(here)s` -> `here` (the config file's folder) and `%%` -> `%`: all the interpolation [tool.alembic] in
 * pyproject.toml gets, and all a reader of alembic.ini's script_location alone needs.
 */
export function expandHere(value: string, here: string): string {
  return value.replace(/%%|%\(here\)s/g, (m) => (m === '%%' ? '%' : here));
}

/** Section names in file order ([DEFAULT] excluded). */
export function iniSections(ini: IniFile): string[] {
  return [...ini.sections.keys()];
}
