// The server in a git workspace: applied-migration-modified against the base branch (a warning in the editor) with
// its two quick fixes, the `changed` scope, and an edit of a revision the connected database has applied.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { CREATE_REVISION_COMMAND } from '../../protocol';
import { TestRepo } from '../helpers/git-repo';
import { codes, fileUri, LspClient, plainText, replaceAll } from './client';

let repo: TestRepo;
let client: LspClient;

function revision(id: string, down: string | null, table: string): string {
  return [
    `"""Create ${table}\n\nRevision ID: ${id}\nRevises: ${down ?? ''}\n"""`,
    'from alembic import op',
    '',
    `revision = "${id}"`,
    `down_revision = ${down === null ? 'None' : `"${down}"`}`,
    '',
    '',
    'def upgrade():',
    `    op.execute("CREATE TABLE IF NOT EXISTS ${table} (id SERIAL PRIMARY KEY)")`,
    `    op.execute("CREATE INDEX IF NOT EXISTS ix_${table}_id ON ${table} (id)")`,
    '',
    '',
    'def downgrade():',
    // Without IF EXISTS: a require-if-exists warning in every file.
    `    op.execute("DROP INDEX ix_${table}_id")`,
    `    op.execute("DROP TABLE IF EXISTS ${table}")`,
    '',
  ].join('\n');
}

const uriOf = (name: string): string => fileUri(path.join(repo.dir, 'migrations', 'versions', name));
const modified = (p: PublishDiagnosticsParams): boolean => codes(p).includes('applied-migration-modified');
const finding = (p: PublishDiagnosticsParams): Diagnostic => p.diagnostics.find((d) => d.code === 'applied-migration-modified')!;


before(async () => {
  repo = TestRepo.create('alembic-lsp-git');
  repo.write('alembic.ini', '[alembic]\nscript_location = %(here)s/migrations\n');
  repo.write('migrations/versions/0001_users.py', revision('0001', null, 'users'));
  repo.write('migrations/versions/0002_teams.py', revision('0002', '0001', 'teams'));
  repo.commitAll('0001 and 0002');
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write('migrations/versions/0003_orders.py', revision('0003', '0002', 'orders'));
  repo.commitAll('0003 on the feature branch');
  client = LspClient.start();
  await client.initialize(repo.dir, { lint: { rules: {} } });
});

after(() => {
  client?.kill();
  repo?.remove();
});

test('an edit of the code of a migration in the base branch: a warning, with Restore from main and a new revision', async () => {
  const uri = uriOf('0001_users.py');
  const text = repo.read('migrations/versions/0001_users.py');
  await client.open(uri, text, 1);
  await client.waitForDiagnostics(uri, (p) => p.version === 1 && !modified(p), 'no finding for the text main has');
  const edited = text.replace('(id SERIAL PRIMARY KEY)")', '(id SERIAL PRIMARY KEY, email TEXT)")');
  await client.change(uri, 2, replaceAll(text, edited));
  const params = await client.waitForDiagnostics(uri, (p) => p.version === 2 && modified(p), 'applied-migration-modified after a code edit');
  const diagnostic = finding(params);
  assert.equal(diagnostic.severity, 2, 'a warning in the editor (an error in CI)');
  assert.match(plainText(diagnostic.message), /Revision 0001 is already in main/);
  const actions = await client.codeActions(uri, diagnostic.range, [diagnostic]);
  const restore = actions.find((a) => a.title === 'Restore from main');
  assert.equal(restore?.edit?.changes?.[uri]?.[0]?.newText, text, 'the fix restores the base text');
  const create = actions.find((a) => a.title === 'Create a new revision with this change');
  assert.equal(create?.command?.command, CREATE_REVISION_COMMAND);
  assert.deepEqual(create?.command?.arguments, [{ beside: uri }]);
  // A comment-only edit is no code change.
  await client.change(uri, 3, replaceAll(edited, `# reviewed\n${text}`));
  await client.waitForDiagnostics(uri, (p) => p.version === 3 && !modified(p), 'no finding for a comment');
  await client.close(uri);
});

test('scope changed: only the files changed since the base show findings; an edited one shows them again', async () => {
  await client.settingsChanged({ lint: { rules: {}, scope: 'changed' } });
  await client.waitForDiagnostics(uriOf('0002_teams.py'), (p) => p.diagnostics.length === 0, '0002 (unchanged since main) quiet');
  await client.waitForDiagnostics(uriOf('0003_orders.py'), (p) => codes(p).includes('require-if-exists'), '0003 (new on the branch) reported');
  const uri = uriOf('0002_teams.py');
  const text = repo.read('migrations/versions/0002_teams.py');
  await client.open(uri, text, 1);
  await client.change(uri, 2, replaceAll(text, text.replace('SERIAL PRIMARY KEY', 'BIGSERIAL PRIMARY KEY')));
  await client.waitForDiagnostics(uri, (p) => p.version === 2 && codes(p).includes('require-if-exists') && modified(p), '0002 in scope once changed');
  await client.close(uri);
  await client.settingsChanged({ lint: { rules: {} } });
});

test('a revision the connected database has applied, edited since the last commit, though the base branch lacks it', async () => {
  const uri = uriOf('0003_orders.py');
  const text = repo.read('migrations/versions/0003_orders.py');
  await client.open(uri, text, 1);
  const edited = text.replace('(id SERIAL PRIMARY KEY)")', '(id SERIAL PRIMARY KEY, total INT)")');
  await client.change(uri, 2, replaceAll(text, edited));
  await client.waitForDiagnostics(uri, (p) => p.version === 2 && !modified(p), 'not applied anywhere known: no finding (main lacks the file)');
  const location = path.join(repo.dir, 'migrations');
  await client.databaseRevisions({ locations: [{ location, current: ['0003'] }] });
  const params = await client.waitForDiagnostics(uri, modified, 'applied-migration-modified once the database has 0003');
  assert.match(plainText(finding(params).message), /Revision 0003 is applied in the connected database, and its code was changed since the last commit \(HEAD\)/);
  await client.databaseRevisions({ locations: [{ location, current: ['0002'] }] });
  await client.waitForDiagnostics(uri, (p) => !modified(p), 'no finding once the database is back at 0002');
});
