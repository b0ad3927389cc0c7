import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolvePython } from '../../../client/src/alembic/python';

const existing = (...files: string[]) => (file: string): boolean => files.includes(file);

test('the alembic.pythonPath setting wins over everything', () => {
  const python = resolvePython({
    setting: '/opt/py/bin/python3.12',
    pythonExtension: '/ext/python',
    projectDir: '/w/backend',
    exists: existing('/w/backend/.venv/bin/python'),
    platform: 'linux',
  });
  assert.equal(python, '/opt/py/bin/python3.12');
});

test('the setting may use ${workspaceFolder}, ~ and paths relative to the workspace', () => {
  const base = { projectDir: '/w/backend', workspaceDir: '/w', home: '/home/ann', exists: existing(), platform: 'linux' as const };
  assert.equal(resolvePython({ ...base, setting: '${workspaceFolder}/.venv/bin/python' }), '/w/.venv/bin/python');
  assert.equal(resolvePython({ ...base, setting: '~/venvs/app/bin/python' }), '/home/ann/venvs/app/bin/python');
  assert.equal(resolvePython({ ...base, setting: 'tools/venv/bin/python' }), '/w/tools/venv/bin/python');
  // A bare command name is left for PATH lookup.
  assert.equal(resolvePython({ ...base, setting: 'python3.11' }), 'python3.11');
});

test('then the interpreter the Python extension selected', () => {
  const python = resolvePython({ pythonExtension: '/ext/python', projectDir: '/w/backend', exists: existing('/w/backend/.venv/bin/python'), platform: 'linux' });
  assert.equal(python, '/ext/python');
});

test('then .venv before venv beside the project, then at the workspace root', () => {
  const base = { projectDir: '/w/backend', workspaceDir: '/w', platform: 'linux' as const };
  assert.equal(resolvePython({ ...base, exists: existing('/w/backend/.venv/bin/python', '/w/backend/venv/bin/python') }), '/w/backend/.venv/bin/python');
  assert.equal(resolvePython({ ...base, exists: existing('/w/backend/venv/bin/python', '/w/.venv/bin/python') }), '/w/backend/venv/bin/python');
  assert.equal(resolvePython({ ...base, exists: existing('/w/.venv/bin/python') }), '/w/.venv/bin/python');
});

test('Windows virtualenvs keep the interpreter in Scripts', () => {
  const python = resolvePython({ projectDir: 'C:\\w\\backend', exists: existing('C:\\w\\backend\\.venv\\Scripts\\python.exe'), platform: 'win32' });
  assert.equal(python, 'C:\\w\\backend\\.venv\\Scripts\\python.exe');
  assert.equal(resolvePython({ projectDir: 'C:\\w', exists: existing(), platform: 'win32' }), 'python');
});

test('else python3 from PATH', () => {
  assert.equal(resolvePython({ setting: '  ', projectDir: '/w/backend', exists: existing(), platform: 'linux' }), 'python3');
});
