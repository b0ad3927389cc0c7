// The Python that runs a project's migration CLI: the candidates and the choice are common/interpreter-search.ts
// (the CLI's `verify` searches alike); here are what VS Code and the machine give it (the setting, the Python
// extension's interpreter, PATH, the probe), the cache's lifetime, and the one line per change in the output.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import {
  chooseInterpreter,
  choiceDescription,
  choiceReason,
  interpreterCandidates,
  type DriverNeed,
  type InterpreterCandidate,
  type InterpreterChoice,
  type Probed,
} from '../../../common/interpreter-search';
import { findOnPath, ProbeCache } from '../../../server/src/host/interpreter-probe';
import { projectSettings, type RunnableProject } from '../projects/project-entries';

/** The part of ms-python.python's exported API we use; everything optional because versions differ. */
interface PythonExtensionApi {
  environments?: {
    getActiveEnvironmentPath?: (resource?: vscode.Uri) => { path?: unknown } | undefined;
    onDidChangeActiveEnvironmentPath?: vscode.Event<unknown>;
  };
}

export const PYTHON_EXTENSION_ID = 'ms-python.python';
const PYTHON_EXTENSION_TIMEOUT_MS = 5000;
const CLEAR_DEBOUNCE_MS = 1000;

export class InterpreterService implements vscode.Disposable {
  private readonly cache = new ProbeCache();
  /** Per project: the last choice, what the Database view shows. */
  private readonly last = new Map<string, InterpreterChoice>();
  private readonly running = new Map<string, Promise<InterpreterChoice>>();
  /** Per project: what the output channel was last told, so it is told once per change. */
  private readonly logged = new Map<string, string>();
  /** Bumped by clear(): a choice made from probes older than the clear is not kept. */
  private generation = 0;
  private subscribedToPythonExtension = false;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(
    private readonly log: (line: string) => void,
    /** The driver the project's database URL needs, when the URL is known. */
    private readonly driverOf: (entry: RunnableProject) => Promise<DriverNeed | undefined>,
    /**
     * When a search nobody waits for (the Database view's row, a database that changed) may run: probing starts
     * Python a few times (about a second of CPU), which the language server's first indexing needs more.
     */
    private readonly background: Promise<void> = Promise.resolve(),
  ) {
    // A new .venv (or one removed) beside a project changes the candidates; the watcher sees the folder itself.
    const venvs = vscode.workspace.createFileSystemWatcher('**/{.venv,venv}');
    // A package installed into (or removed from) a virtualenv changes what its interpreter imports, not its file.
    const packages = vscode.workspace.createFileSystemWatcher('**/{.venv,venv}/{lib/python*/site-packages,Lib/site-packages}/*');
    this.disposables.push(
      venvs,
      packages,
      venvs.onDidCreate(() => this.clearSoon('a virtualenv appeared')),
      venvs.onDidDelete(() => this.clearSoon('a virtualenv was removed')),
      packages.onDidCreate(() => this.clearSoon('packages changed in a virtualenv')),
      packages.onDidDelete(() => this.clearSoon('packages changed in a virtualenv')),
      { dispose: () => clearTimeout(this.clearTimer) },
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('alembic.pythonPath')) this.clear('alembic.pythonPath changed');
      }),
    );
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  /** Forgets every probe and choice: the next look asks the interpreters again. */
  clear(why?: string): void {
    this.generation++;
    this.cache.clear();
    this.last.clear();
    this.running.clear();
    if (why) this.log(`Looking for the Python interpreter again: ${why}.`);
    this.changed.fire();
  }

  private clearTimer: ReturnType<typeof setTimeout> | undefined;

  /** One clear for a burst of file events (pip writes hundreds of files; venv creates the interpreter after its folder). */
  private clearSoon(why: string): void {
    clearTimeout(this.clearTimer);
    this.clearTimer = setTimeout(() => this.clear(why), CLEAR_DEBOUNCE_MS);
  }

  /** The last choice for the Database view; without one, the search starts and onDidChange says when it is known. */
  shown(entry: RunnableProject): InterpreterChoice | undefined {
    const known = this.last.get(entry.key);
    if (!known) this.chooseInBackground(entry);
    return known;
  }

  /** Chooses again (the probes stay cached): the driver may have changed with the database. */
  recheck(entry: RunnableProject): void {
    if (vscode.workspace.isTrusted) this.chooseInBackground(entry);
  }

  private chooseInBackground(entry: RunnableProject): void {
    void this.background.then(() => this.choose(entry)).catch(() => undefined);
  }

  /** The interpreter a run would use, probing what is not cached. Never in an untrusted workspace. */
  choose(entry: RunnableProject): Promise<InterpreterChoice> {
    if (!vscode.workspace.isTrusted) return Promise.reject(new Error('the workspace is not trusted: no interpreter is probed'));
    const running = this.running.get(entry.key);
    if (running) return running;
    const generation = this.generation;
    const choice = (async () => {
      const [candidates, driver] = await Promise.all([this.candidates(entry, false), this.driverOf(entry)]);
      return chooseInterpreter(candidates, (c) => this.cache.get(c.executable), driver);
    })().finally(() => {
      if (this.running.get(entry.key) === choice) this.running.delete(entry.key);
    });
    this.running.set(entry.key, choice);
    void choice.then((made) => {
      if (generation === this.generation) this.remember(entry, made);
    }, () => undefined);
    return choice;
  }

  /** Every candidate with its probe, the setting's first when it is set: for the Select Interpreter picker. */
  async probeAll(entry: RunnableProject): Promise<Probed[]> {
    const candidates = await this.candidates(entry, true);
    return Promise.all(candidates.map(async (candidate) => ({ candidate, result: await this.cache.get(candidate.executable) })));
  }

  /** After telling the user what is missing: they may be installing it now, so nothing negative is kept. */
  forgetAfterReport(): void {
    this.generation++;
    this.cache.clear();
  }

  private remember(entry: RunnableProject, choice: InterpreterChoice): void {
    const previous = this.last.get(entry.key);
    this.last.set(entry.key, choice);
    const summary = `${choiceDescription(choice)}. ${choiceReason(choice)}`;
    if (this.logged.get(entry.key) !== summary) {
      this.logged.set(entry.key, summary);
      this.log(`${entry.name}: Python ${summary}`);
    }
    if (!previous || `${choiceDescription(previous)}. ${choiceReason(previous)}` !== summary) this.changed.fire();
  }

  /** `all`: the automatic candidates as well when the setting is set (the setting alone decides a run). */
  private async candidates(entry: RunnableProject, all: boolean): Promise<InterpreterCandidate[]> {
    const setting = projectSettings(entry).pythonPath;
    const fromExtension = setting && !all ? undefined : await this.pythonExtensionInterpreter(vscode.Uri.file(entry.ini.dir));
    const options = {
      ...(fromExtension ? { pythonExtension: fromExtension } : {}),
      projectDir: entry.ini.dir,
      ...(entry.folder ? { workspaceDir: entry.folder.uri.fsPath } : {}),
      home: os.homedir(),
      exists: (file: string) => fs.existsSync(file),
      onPath: (name: string) => findOnPath(name),
    };
    const auto = interpreterCandidates(options);
    if (!setting) return auto;
    const chosen = interpreterCandidates({ ...options, setting });
    return all ? [...chosen, ...auto.filter((c) => !chosen.some((s) => s.executable === c.executable))] : chosen;
  }

  /** The Python extension's active interpreter for the folder; undefined when it is absent, slow or fails. */
  private async pythonExtensionInterpreter(resource: vscode.Uri): Promise<string | undefined> {
    const extension = vscode.extensions.getExtension<PythonExtensionApi>(PYTHON_EXTENSION_ID);
    if (!extension) return undefined;
    try {
      const api = extension.isActive ? extension.exports : await withTimeout(Promise.resolve(extension.activate()), PYTHON_EXTENSION_TIMEOUT_MS);
      const onChange = api?.environments?.onDidChangeActiveEnvironmentPath;
      if (onChange && !this.subscribedToPythonExtension) {
        this.subscribedToPythonExtension = true;
        this.disposables.push(onChange(() => this.clear("the Python extension's interpreter changed")));
      }
      const found = api?.environments?.getActiveEnvironmentPath?.(resource)?.path;
      // The extension reports the bare `python` when nothing is selected: our own candidates are better then.
      return typeof found === 'string' && found !== '' && found !== 'python' ? found : undefined;
    } catch {
      return undefined;
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
