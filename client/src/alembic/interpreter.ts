// The Python that runs a project's migration CLI: alembic.pythonPath, else the interpreter selected in the
// Python extension, else a virtualenv beside the project, else python3 (python.ts decides the order).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { resolvePython } from './python';
import { projectSettings, type ProjectEntry } from '../projects/project-entries';

/** The part of ms-python.python's exported API we use; everything optional because versions differ. */
interface PythonExtensionApi {
  environments?: {
    getActiveEnvironmentPath?: (resource?: vscode.Uri) => { path?: unknown } | undefined;
  };
}

const PYTHON_EXTENSION_TIMEOUT_MS = 5000;

export async function pythonFor(entry: ProjectEntry, dir: string): Promise<string> {
  const setting = projectSettings(entry).pythonPath;
  const fromExtension = setting ? undefined : await pythonExtensionInterpreter(vscode.Uri.file(dir));
  return resolvePython({
    ...(setting ? { setting } : {}),
    ...(fromExtension ? { pythonExtension: fromExtension } : {}),
    projectDir: dir,
    ...(entry.folder ? { workspaceDir: entry.folder.uri.fsPath } : {}),
    home: os.homedir(),
    exists: (file) => fs.existsSync(file),
  });
}

/** The Python extension's active interpreter for the folder; undefined when it is absent, slow or fails. */
async function pythonExtensionInterpreter(resource: vscode.Uri): Promise<string | undefined> {
  const extension = vscode.extensions.getExtension<PythonExtensionApi>('ms-python.python');
  if (!extension) return undefined;
  try {
    const api = extension.isActive ? extension.exports : await withTimeout(Promise.resolve(extension.activate()), PYTHON_EXTENSION_TIMEOUT_MS);
    const found = api?.environments?.getActiveEnvironmentPath?.(resource)?.path;
    // The extension reports the bare `python` when nothing is selected: our own fallbacks are better then.
    return typeof found === 'string' && found !== '' && found !== 'python' ? found : undefined;
  } catch {
    return undefined;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
