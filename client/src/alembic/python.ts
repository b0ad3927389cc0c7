// The Python interpreter that runs the project's migration CLI.
import * as path from 'node:path';

export interface PythonOptions {
  /** The alembic.pythonPath setting. */
  setting?: string;
  /** The interpreter selected in the Python extension, when it is installed. */
  pythonExtension?: string;
  /** The folder of alembic.ini. */
  projectDir: string;
  /** The workspace folder, for `${workspaceFolder}` in the setting and a virtualenv at the workspace root. */
  workspaceDir?: string;
  home?: string;
  exists: (file: string) => boolean;
  platform?: NodeJS.Platform;
}

/**
 * Order: the alembic.pythonPath setting, the Python extension's interpreter, a virtualenv beside the
 * project (.venv, then venv; then the same at the workspace root), else python3 (python on Windows).
 */
export function resolvePython(o: PythonOptions): string {
  const platform = o.platform ?? process.platform;
  const setting = o.setting?.trim();
  if (setting) return expandSetting(setting, o, platform);
  if (o.pythonExtension) return o.pythonExtension;
  const pathApi = platform === 'win32' ? path.win32 : path.posix;
  const relative = platform === 'win32' ? ['Scripts', 'python.exe'] : ['bin', 'python'];
  const roots = [o.projectDir];
  if (o.workspaceDir && pathApi.resolve(o.workspaceDir) !== pathApi.resolve(o.projectDir)) roots.push(o.workspaceDir);
  for (const root of roots) {
    for (const venv of ['.venv', 'venv']) {
      const candidate = pathApi.join(root, venv, ...relative);
      if (o.exists(candidate)) return candidate;
    }
  }
  return platform === 'win32' ? 'python' : 'python3';
}

/** `${workspaceFolder}` and `~` expanded; a relative path with a separator is relative to the workspace (or project). */
function expandSetting(setting: string, o: PythonOptions, platform: NodeJS.Platform): string {
  const pathApi = platform === 'win32' ? path.win32 : path.posix;
  const base = o.workspaceDir ?? o.projectDir;
  let value = setting.replace(/\$\{workspaceFolder\}/g, base);
  if (o.home && (value === '~' || value.startsWith('~/'))) value = pathApi.join(o.home, value.slice(1));
  // A bare name (python3.12) is looked up on PATH by the operating system.
  const hasSeparator = value.includes('/') || (platform === 'win32' && value.includes('\\'));
  return hasSeparator && !pathApi.isAbsolute(value) ? pathApi.resolve(base, value) : value;
}
