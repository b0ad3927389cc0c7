// The interpreter search's pure part (common/interpreter-search.ts): the candidates and their order, the choice with
// an injected probe, the driver a URL needs, and the words the view, the output and the notification show.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  chooseInterpreter,
  choiceDescription,
  choiceReason,
  driverForUrl,
  installHint,
  interpreterCandidates,
  parseProbeOutput,
  probeSummary,
  problemSentence,
  type InterpreterCandidate,
  type ProbeResult,
} from '../../../common/interpreter-search';

const existing = (...files: string[]) => (file: string): boolean => files.includes(file);
const path = (entries: Record<string, string>) => (name: string): string | undefined => entries[name];
const linux = { projectDir: '/w/backend', workspaceDir: '/w', home: '/home/ann', platform: 'linux' as const };

const executables = (candidates: InterpreterCandidate[]): string[] => candidates.map((c) => c.executable);

test('candidates: the Python extension, virtualenvs beside the project then at the root, python3 and python on PATH, /usr/bin/python3', () => {
  const candidates = interpreterCandidates({
    ...linux,
    pythonExtension: '/ext/python',
    exists: existing('/w/backend/venv/bin/python', '/w/backend/.venv/bin/python', '/w/.venv/bin/python', '/usr/bin/python3'),
    onPath: path({ python3: '/usr/local/bin/python3', python: '/usr/local/bin/python' }),
  });
  assert.deepEqual(executables(candidates), [
    '/ext/python',
    '/w/backend/.venv/bin/python',
    '/w/backend/venv/bin/python',
    '/w/.venv/bin/python',
    '/usr/local/bin/python3',
    '/usr/local/bin/python',
    '/usr/bin/python3',
  ]);
  assert.deepEqual(candidates.map((c) => c.origin), [
    "the Python extension's interpreter",
    '.venv beside the project',
    'venv beside the project',
    '.venv at the workspace root',
    'python3 on PATH',
    'python on PATH',
    'the system Python',
  ]);
});

test('candidates: a bare python3 is resolved on PATH; the same file is listed once; nothing at all still names python3', () => {
  const same = interpreterCandidates({ ...linux, exists: existing('/usr/bin/python3'), onPath: path({ python3: '/usr/bin/python3' }) });
  assert.deepEqual(same, [{ kind: 'path', executable: '/usr/bin/python3', origin: 'python3 on PATH' }]);
  const none = interpreterCandidates({ ...linux, exists: existing(), onPath: path({}) });
  assert.deepEqual(executables(none), ['python3']);
});

test('candidates: the setting is alone (authoritative), expanded, and a bare name in it is found on PATH', () => {
  const base = { ...linux, pythonExtension: '/ext/python', exists: existing('/w/backend/.venv/bin/python'), onPath: path({ 'python3.12': '/opt/bin/python3.12' }) };
  assert.deepEqual(interpreterCandidates({ ...base, setting: '${workspaceFolder}/.venv/bin/python' }), [
    { kind: 'setting', executable: '/w/.venv/bin/python', origin: 'alembic.pythonPath' },
  ]);
  assert.deepEqual(executables(interpreterCandidates({ ...base, setting: '~/venvs/app/bin/python' })), ['/home/ann/venvs/app/bin/python']);
  assert.deepEqual(executables(interpreterCandidates({ ...base, setting: 'tools/venv/bin/python' })), ['/w/tools/venv/bin/python']);
  assert.deepEqual(executables(interpreterCandidates({ ...base, setting: 'python3.12' })), ['/opt/bin/python3.12']);
  assert.deepEqual(executables(interpreterCandidates({ ...base, setting: 'python9' })), ['python9'], 'not on PATH: left for the probe to report');
  assert.equal(interpreterCandidates({ ...base, setting: '  ' })[0]?.kind, 'python-extension', 'a blank setting is unset');
});

test('candidates on Windows: Scripts\\python.exe, python before python3, no /usr/bin/python3', () => {
  const candidates = interpreterCandidates({
    projectDir: 'C:\\w\\backend',
    platform: 'win32',
    exists: existing('C:\\w\\backend\\.venv\\Scripts\\python.exe', '/usr/bin/python3'),
    onPath: path({ python: 'C:\\Python312\\python.exe', python3: 'C:\\Python312\\python3.exe' }),
  });
  assert.deepEqual(executables(candidates), ['C:\\w\\backend\\.venv\\Scripts\\python.exe', 'C:\\Python312\\python.exe', 'C:\\Python312\\python3.exe']);
});

const withAlembic: ProbeResult = { ran: true, python: '3.11.2', modules: { alembic: '1.8.1', psycopg2: '2.9.5' } };
const withAlembicOnly: ProbeResult = { ran: true, python: '3.12.1', modules: { alembic: '1.13.0' } };
const without: ProbeResult = { ran: true, python: '3.12.1', modules: {}, alembicError: "ModuleNotFoundError: No module named 'alembic'" };
const notFound: ProbeResult = { ran: false, problem: 'is not found' };

const pathPython: InterpreterCandidate = { kind: 'path', executable: '/usr/local/bin/python3', origin: 'python3 on PATH' };
const venv: InterpreterCandidate = { kind: 'venv', executable: '/w/.venv/bin/python', origin: '.venv beside the project' };
const system: InterpreterCandidate = { kind: 'system', executable: '/usr/bin/python3', origin: 'the system Python' };
const setting: InterpreterCandidate = { kind: 'setting', executable: '/tmp/fake-python', origin: 'alembic.pythonPath' };

/** A probe answering from a table, recording what it was asked. */
function fakeProbe(answers: Record<string, ProbeResult>): { asked: string[]; probe: (c: InterpreterCandidate) => Promise<ProbeResult> } {
  const asked: string[] = [];
  return { asked, probe: async (c) => (asked.push(c.executable), answers[c.executable] ?? notFound) };
}

test('the first candidate that can import alembic is chosen, and the search stops there', async () => {
  const { asked, probe } = fakeProbe({ [pathPython.executable]: without, [system.executable]: withAlembic, [venv.executable]: withAlembic });
  const choice = await chooseInterpreter([pathPython, system, venv], probe);
  assert.equal(choice.status, 'ready');
  assert.equal(choice.chosen?.candidate, system);
  assert.deepEqual(asked, ['/usr/local/bin/python3', '/usr/bin/python3'], 'the venv after it is not asked');
  assert.equal(choiceDescription(choice), '/usr/bin/python3 (alembic 1.8.1)');
  assert.equal(choiceReason(choice), 'python3 on PATH (/usr/local/bin/python3) cannot import alembic; /usr/bin/python3 can.');
  assert.equal(problemSentence(choice), undefined);
});

test('with a known driver, the first that imports both wins over an earlier one with alembic alone', async () => {
  const driver = driverForUrl('postgresql://app@localhost/app');
  const { probe } = fakeProbe({ [venv.executable]: withAlembicOnly, [system.executable]: withAlembic });
  const choice = await chooseInterpreter([venv, system], probe, driver);
  assert.equal(choice.chosen?.candidate, system);
  assert.equal(choice.status, 'ready');
  assert.equal(choiceReason(choice), '.venv beside the project (/w/.venv/bin/python) cannot import psycopg2; /usr/bin/python3 can.');

  const onlyVenv = await chooseInterpreter([venv], fakeProbe({ [venv.executable]: withAlembicOnly }).probe, driver);
  assert.equal(onlyVenv.status, 'no-driver');
  assert.equal(onlyVenv.chosen?.candidate, venv);
  assert.equal(problemSentence(onlyVenv), '/w/.venv/bin/python cannot import psycopg2, the driver postgresql:// URLs need');
  assert.deepEqual(installHint(onlyVenv), { python: '/w/.venv/bin/python', packages: ['psycopg2-binary'], command: '/w/.venv/bin/python -m pip install psycopg2-binary' });
});

test('none can import alembic: no choice, every candidate named, the install hint for the first that ran', async () => {
  const { probe } = fakeProbe({ [pathPython.executable]: without });
  const choice = await chooseInterpreter([venv, pathPython, system], probe);
  assert.equal(choice.status, 'no-alembic');
  assert.equal(choice.chosen, undefined);
  assert.equal(choiceDescription(choice), 'none can import alembic');
  assert.equal(
    choiceReason(choice),
    'No interpreter can import alembic: .venv beside the project (/w/.venv/bin/python) is not found; python3 on PATH (/usr/local/bin/python3) cannot import alembic; /usr/bin/python3 is not found.',
  );
  assert.match(problemSentence(choice) ?? '', /^no Python interpreter found here can import alembic \(tried \.venv beside the project \(\/w\/\.venv\/bin\/python\), python3 on PATH/);
  assert.equal(installHint(choice).command, '/usr/local/bin/python3 -m pip install alembic psycopg2-binary');
});

test('the setting is authoritative: used even without alembic, and nothing else is asked', async () => {
  const { asked, probe } = fakeProbe({ [setting.executable]: without, [system.executable]: withAlembic });
  const choice = await chooseInterpreter([setting], probe);
  assert.deepEqual(asked, ['/tmp/fake-python']);
  assert.equal(choice.status, 'no-alembic');
  assert.equal(choice.chosen?.candidate, setting, 'the setting stays chosen');
  assert.equal(choiceDescription(choice), '/tmp/fake-python (no alembic)');
  assert.equal(problemSentence(choice), "alembic.pythonPath (/tmp/fake-python) cannot import alembic (ModuleNotFoundError: No module named 'alembic')");
  assert.equal(choiceReason(choice), "alembic.pythonPath names /tmp/fake-python: it is used as set, but it cannot import alembic (ModuleNotFoundError: No module named 'alembic').");
  assert.equal(installHint(choice).command, '/tmp/fake-python -m pip install alembic psycopg2-binary');

  const good = await chooseInterpreter([setting], fakeProbe({ [setting.executable]: withAlembic }).probe);
  assert.equal(good.status, 'ready');
  assert.equal(choiceReason(good), 'alembic.pythonPath names /tmp/fake-python: it is used as set.');
  const missing = await chooseInterpreter([setting], fakeProbe({}).probe);
  assert.equal(problemSentence(missing), 'alembic.pythonPath (/tmp/fake-python) is not found');
});

test('the driver a URL needs: SQLAlchemy reads psycopg2 into a plain postgresql://; unknown stays unknown', () => {
  assert.deepEqual(driverForUrl('postgresql://u@h/d'), { module: 'psycopg2', pipPackage: 'psycopg2-binary', scheme: 'postgresql' });
  assert.equal(driverForUrl('postgres://u@h/d')?.module, 'psycopg2');
  assert.equal(driverForUrl('postgresql+psycopg2://u@h/d')?.module, 'psycopg2');
  assert.deepEqual(driverForUrl('postgresql+psycopg://u@h/d'), { module: 'psycopg', pipPackage: 'psycopg[binary]', scheme: 'postgresql+psycopg' });
  assert.equal(driverForUrl(' postgresql+asyncpg://u@h/d')?.module, 'asyncpg');
  assert.equal(driverForUrl('postgresql+pg8000://u@h/d')?.module, 'pg8000');
  assert.equal(driverForUrl('postgresql+mystery://u@h/d'), undefined);
  assert.equal(driverForUrl('sqlite:///x.db'), undefined);
  assert.equal(driverForUrl(undefined), undefined);
  assert.equal(driverForUrl('not a url'), undefined);
});

test('the psycopg (3) driver installs as psycopg[binary], quoted for the shell', async () => {
  const choice = await chooseInterpreter([venv], fakeProbe({ [venv.executable]: without }).probe, driverForUrl('postgresql+psycopg://u@h/d'));
  assert.equal(installHint(choice).command, "/w/.venv/bin/python -m pip install alembic 'psycopg[binary]'");
});

test('the probe output: versions, the reason alembic failed, and what is not an answer', () => {
  const ok = parseProbeOutput('{"python": "3.11.2", "executable": "/usr/bin/python3", "modules": {"alembic": "1.8.1", "psycopg2": "2.9.5"}, "errors": {"asyncpg": "ModuleNotFoundError: x"}}\n');
  assert.deepEqual(ok, { ran: true, python: '3.11.2', modules: { alembic: '1.8.1', psycopg2: '2.9.5' } });
  assert.equal(probeSummary(ok), 'alembic 1.8.1, psycopg2 2.9.5');
  const no = parseProbeOutput('warning first\n{"python": "3.12.1", "modules": {}, "errors": {"alembic": "ModuleNotFoundError: No module named \'alembic\'"}}');
  assert.equal(probeSummary(no), "no alembic (No module named 'alembic')");
  const garbage = parseProbeOutput('Hello\n');
  assert.deepEqual(garbage, { ran: false, problem: 'did not answer as a Python interpreter (printed "Hello")' });
  assert.equal(probeSummary({ ran: false, problem: 'is not found' }), 'is not found');
});
