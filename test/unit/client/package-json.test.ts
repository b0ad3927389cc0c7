// The manifest against the client's code: every registered command is contributed (palette title or menu),
// trust-sensitive commands show in view menus only when trusted, menus match the tree's context values, the settings and their
// defaults agree with client/src/config.ts, and the view ids agree.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { CLIENT_SETTING_DEFAULTS, CONNECTION_SETTINGS, OTHER_READERS, VERIFY_DATABASES, clientSettings } from '../../../client/src/config';
import { buildMigrationTree } from '../../../client/src/views/migrations-tree-model';
import { defaultSettings, LINT_SCOPES } from '../../../server/src/lsp/settings';
import { CREATE_REVISION_COMMAND } from '../../../protocol';
import { buildDatabaseNode } from '../../../client/src/views/database-tree-model';
import { COMMAND_IDS, CONTEXT_KEYS, DATABASE_VIEW_ID, MIGRATIONS_VIEW_ID, TRUST_REQUIRED, VIEW_CONTAINER_ID, type CommandId } from '../../../client/src/commands/command-ids';
import type { DbState } from '../../../client/src/database/db-state';
import { repoRoot } from '../../helpers/repo';
import { linear } from './tree-model-fixtures';

interface Command {
  command: string;
  title: string;
  shortTitle?: string;
  category?: string;
  enablement?: string;
  icon?: string;
}
interface MenuItem {
  command: string;
  when?: string;
  group?: string;
}
interface Manifest {
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations?: string[] } };
  contributes: {
    commands: Command[];
    menus: Record<string, MenuItem[]>;
    viewsContainers: { activitybar: { id: string; title: string; icon: string }[] };
    views: Record<string, { id: string; name: string }[]>;
    viewsWelcome: { view: string; when?: string }[];
    walkthroughs: { id: string; title: string; steps: { id: string; title: string; description: string; media: { markdown?: string }; completionEvents: string[] }[] }[];
    configuration: { properties: Record<string, { default?: unknown; type?: string; scope?: string; enum?: unknown[] }> };
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;
const contributed = new Map(manifest.contributes.commands.map((c) => [c.command, c]));
const menus = manifest.contributes.menus;
const palette = menus['commandPalette'] ?? [];
const hiddenFromPalette = new Set(palette.filter((m) => m.when === 'false').map((m) => m.command));
const viewMenus = [...(menus['view/title'] ?? []), ...(menus['view/item/context'] ?? [])];
const itemMenus = menus['view/item/context'] ?? [];

/** The ids the commands table registers, read from its source: the table is what runs. */
function registeredIds(): string[] {
  const source = fs.readFileSync(path.join(repoRoot, 'client', 'src', 'commands', 'table.ts'), 'utf8');
  const table = /export const commandTable[^{]*\{([\s\S]*?)\n\};/.exec(source);
  assert.ok(table, 'client/src/commands/table.ts has no `export const commandTable = { ... };`');
  return [...(table[1] ?? '').matchAll(/^\s*'(alembic\.[A-Za-z]+)':/gm)].map((m) => m[1] ?? '');
}

test('the client commands the server names in code actions are registered', () => {
  assert.ok((COMMAND_IDS as readonly string[]).includes(CREATE_REVISION_COMMAND), CREATE_REVISION_COMMAND);
});

test('the commands table registers exactly COMMAND_IDS', () => {
  const ids = registeredIds();
  assert.ok(ids.length >= 20, `only ${ids.length} commands found in the table`);
  assert.deepEqual([...ids].sort(), [...COMMAND_IDS].sort());
});

test('every registered command is contributed: in the palette, or hidden there and in a view menu', () => {
  for (const id of registeredIds()) {
    const command = contributed.get(id);
    assert.ok(command, `${id} is registered but not in contributes.commands`);
    if (hiddenFromPalette.has(id)) {
      assert.ok(viewMenus.some((m) => m.command === id), `${id} is hidden from the palette and in no view menu: unreachable`);
    }
  }
  for (const id of contributed.keys()) assert.ok((COMMAND_IDS as string[]).includes(id), `${id} is contributed but never registered`);
});

test('titles: the palette prefixes the category "Alembic", so neither title carries it; the view toolbars read the short title', () => {
  for (const command of manifest.contributes.commands) {
    assert.equal(command.category, 'Alembic', `${command.command}'s category`);
    assert.match(command.title, /^(?!Alembic\b)[A-Z]/, `${command.command}'s title "${command.title}"`);
    assert.ok(command.shortTitle, `${command.command} has no shortTitle`);
    assert.ok(!command.shortTitle.startsWith('Alembic') && command.shortTitle.length <= command.title.length, `${command.command}'s shortTitle "${command.shortTitle}"`);
  }
});

test('the Database view\'s toolbar shows Connect or Disconnect, never both; the flat Migrations list has no Collapse All', () => {
  const title = menus['view/title'] ?? [];
  const when = (id: string): string => title.find((m) => m.command === id && (m.when ?? '').includes(`view == ${DATABASE_VIEW_ID}`))?.when ?? '';
  assert.match(when('alembic.connect'), new RegExp(`(^|&& )!${CONTEXT_KEYS.anyConnected.replace('.', '\\.')}( &&|$)`));
  assert.match(when('alembic.disconnect'), new RegExp(`(^|&& )${CONTEXT_KEYS.anyConnected.replace('.', '\\.')}( &&|$)`));
  const extension = fs.readFileSync(path.join(repoRoot, 'client', 'src', 'extension.ts'), 'utf8');
  assert.match(extension, /createTreeView\(MIGRATIONS_VIEW_ID, \{[^}]*showCollapseAll: false/);
});

test('no command carries an enablement: the palette leaves out disabled commands, and the workbench sets isWorkspaceTrusted only after it shows the window', () => {
  // A palette opened in those first seconds listed the extension's safe commands but not Create Revision, and does
  // not refresh while it stays open. The command table refuses what needs trust instead (with Manage Workspace Trust).
  for (const id of COMMAND_IDS) assert.equal(contributed.get(id)?.enablement, undefined, `${id} has an enablement`);
});

test('every command that runs code or connects shows in the views only in a trusted workspace; the others always', () => {
  for (const item of viewMenus) {
    const when = item.when ?? '';
    if (TRUST_REQUIRED.has(item.command as CommandId)) assert.match(when, /(^|&& )isWorkspaceTrusted( &&|$)/, `${item.command} when: "${when}"`);
    else assert.doesNotMatch(when, /isWorkspaceTrusted/, `${item.command} runs nothing: it should stay shown`);
  }
  for (const id of TRUST_REQUIRED) assert.ok(viewMenus.some((m) => m.command === id), `${id} is in no view menu`);
  assert.equal(palette.find((m) => m.command === 'alembic.mergeHeads')?.when, CONTEXT_KEYS.multipleHeads);
  const untrusted = manifest.capabilities.untrustedWorkspaces;
  assert.equal(untrusted.supported, 'limited');
  assert.deepEqual([...(untrusted.restrictedConfigurations ?? [])].sort(), ['alembic.command', 'alembic.databaseUrl', 'alembic.pythonPath']);
});

test('menus name contributed commands, existing views and the context keys the client sets', () => {
  const views = new Set(Object.values(manifest.contributes.views).flat().map((v) => v.id));
  const keys = new Set<string>(Object.values(CONTEXT_KEYS));
  for (const [menu, items] of Object.entries(menus)) {
    for (const item of items) {
      assert.ok(contributed.has(item.command), `${menu}: ${item.command} is not contributed`);
      for (const view of (item.when ?? '').matchAll(/\bview == ([\w.]+)/g)) assert.ok(views.has(view[1] ?? ''), `${menu}: unknown view ${view[1]}`);
      for (const key of (item.when ?? '').matchAll(/\b(alembic\.[A-Za-z]+)\b/g)) {
        if (!views.has(key[1] ?? '')) assert.ok(keys.has(key[1] ?? ''), `${menu}: ${key[1]} is not a context key the client sets`);
      }
    }
  }
});

test('the view container and views have the ids the code uses, and the icon exists', () => {
  const container = manifest.contributes.viewsContainers.activitybar.find((c) => c.id === VIEW_CONTAINER_ID);
  assert.ok(container, `no activity bar container "${VIEW_CONTAINER_ID}"`);
  assert.ok(fs.existsSync(path.join(repoRoot, container.icon)), `${container.icon} is missing`);
  assert.match(fs.readFileSync(path.join(repoRoot, container.icon), 'utf8'), /<svg[\s\S]*<\/svg>\s*$/);
  assert.deepEqual(manifest.contributes.views[VIEW_CONTAINER_ID]?.map((v) => [v.id, v.name]), [
    [MIGRATIONS_VIEW_ID, 'Migrations'],
    [DATABASE_VIEW_ID, 'Database'],
  ]);
  for (const welcome of manifest.contributes.viewsWelcome) assert.ok([MIGRATIONS_VIEW_ID, DATABASE_VIEW_ID].includes(welcome.view));
});

/** Whether a menu's `viewItem` condition accepts a context value (the forms package.json uses: == and =~ /re/). */
function acceptsItem(when: string, contextValue: string): boolean {
  const regex = /viewItem =~ \/(.+?)\/(?:\s|$)/.exec(when);
  if (regex) return new RegExp(regex[1] ?? '').test(contextValue);
  const equals = /viewItem == ([\w:.-]+)/.exec(when);
  return equals ? equals[1] === contextValue : true;
}

function itemCommandsFor(view: string, contextValue: string): string[] {
  return itemMenus.filter((m) => (m.when ?? '').includes(`view == ${view}`) && acceptsItem(m.when ?? '', contextValue)).map((m) => m.command).sort();
}

test('revision context menus follow the tree\'s states: upgrade pending ones, downgrade to applied ones', () => {
  const connected = buildMigrationTree(linear(3), ['0002']);
  const byRevision = new Map(connected.map((n) => [n.revision, n.contextValue]));
  const always = ['alembic.copyRevisionId', 'alembic.revealRevision', 'alembic.showInGraph', 'alembic.showSql', 'alembic.verifyMigration'];
  assert.deepEqual(itemCommandsFor(MIGRATIONS_VIEW_ID, byRevision.get('0003') ?? ''), [...always, 'alembic.upgradeToHere'].sort());
  assert.deepEqual(itemCommandsFor(MIGRATIONS_VIEW_ID, byRevision.get('0002') ?? ''), always);
  assert.deepEqual(itemCommandsFor(MIGRATIONS_VIEW_ID, byRevision.get('0001') ?? ''), [...always, 'alembic.downgradeToHere'].sort());
  const unknown = buildMigrationTree(linear(1), undefined)[0]?.contextValue ?? '';
  assert.deepEqual(itemCommandsFor(MIGRATIONS_VIEW_ID, unknown), [...always, 'alembic.downgradeToHere', 'alembic.upgradeToHere'].sort());
  assert.deepEqual(itemCommandsFor(MIGRATIONS_VIEW_ID, 'problem'), []);
});

test('database items offer Connect when not connected and Disconnect when connected', () => {
  const project = { name: 'p', locations: [linear(1)] };
  const value = (state: DbState): string => buildDatabaseNode('k', project, state).contextValue;
  const db = { display: 'u@h:5432/d', source: 's' };
  const connected = itemCommandsFor(DATABASE_VIEW_ID, value({ kind: 'connected', ...db, current: [] }));
  assert.ok(connected.includes('alembic.disconnect') && !connected.includes('alembic.connect'), connected.join());
  for (const state of [{ kind: 'disconnected', ...db }, { kind: 'needs-password', ...db }, { kind: 'needs-agreement', ...db, reason: 'r' }, { kind: 'failed', ...db, failure: 'auth', message: 'm' }] satisfies DbState[]) {
    assert.ok(itemCommandsFor(DATABASE_VIEW_ID, value(state)).includes('alembic.connect'), state.kind);
  }
});

test('the settings the client reads are contributed, next to the linting settings', () => {
  const properties = manifest.contributes.configuration.properties;
  const read = Object.keys(clientSettings({ get: () => undefined })).map((key) => `alembic.${key}`);
  assert.ok(read.length >= 6, `config.ts reads only ${read.join(', ')}`);
  for (const key of read) assert.ok(properties[key], `${key} is read by config.ts but not contributed`);
  assert.equal(properties['alembic.versionTable']?.default, CLIENT_SETTING_DEFAULTS.versionTable);
  assert.equal(properties['alembic.connectTimeoutMs']?.default, CLIENT_SETTING_DEFAULTS.connectTimeoutMs);
  assert.equal(properties['alembic.command']?.type, 'array');
  for (const kept of ['alembic.lint.enable', 'alembic.lint.rules', 'alembic.trace.server']) assert.ok(properties[kept], `${kept} is gone`);
  for (const key of manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? []) assert.ok(properties[key], `restricted ${key} is not a setting`);
  assert.ok(manifest.activationEvents.includes('workspaceContains:**/alembic.ini'));
});

test('every contributed alembic.* setting has its default in config.ts (or a named other reader), and every default is contributed', () => {
  const properties = manifest.contributes.configuration.properties;
  const contributed = Object.keys(properties).filter((key) => key.startsWith('alembic.')).map((key) => key.slice('alembic.'.length)).sort();
  const client = Object.keys(CLIENT_SETTING_DEFAULTS);
  const others = Object.keys(OTHER_READERS);
  assert.deepEqual(client.filter((key) => others.includes(key)), [], 'a setting has one reader');
  assert.deepEqual([...client, ...others].sort(), contributed);
  const jsonTypes: Record<string, string> = { string: 'string', number: 'number', boolean: 'boolean', object: 'object' };
  for (const [key, value] of Object.entries(CLIENT_SETTING_DEFAULTS)) {
    const property = properties[`alembic.${key}`];
    assert.deepEqual(property?.default, value, `alembic.${key}'s default`);
    assert.equal(property?.type, Array.isArray(value) ? 'array' : jsonTypes[typeof value], `alembic.${key}'s type`);
    assert.equal(property?.scope, 'resource', `alembic.${key} is read per project folder`);
  }
  // With nothing set, the getters give the defaults; a malformed value falls back to them too.
  assert.deepEqual(clientSettings({ get: () => undefined }), { ...CLIENT_SETTING_DEFAULTS, command: [...CLIENT_SETTING_DEFAULTS.command] });
  const bad: Record<string, unknown> = { versionTable: '  ', connectTimeoutMs: -1, command: 'alembic', commandConnectTimeoutMs: '10', commandLockTimeoutMs: -5 };
  const malformed = clientSettings({ get: (key) => bad[key] });
  assert.equal(malformed.versionTable, CLIENT_SETTING_DEFAULTS.versionTable);
  assert.equal(malformed.connectTimeoutMs, CLIENT_SETTING_DEFAULTS.connectTimeoutMs);
  assert.deepEqual(malformed.command, CLIENT_SETTING_DEFAULTS.command);
  assert.equal(malformed.commandConnectTimeoutMs, CLIENT_SETTING_DEFAULTS.commandConnectTimeoutMs);
  assert.equal(malformed.commandLockTimeoutMs, CLIENT_SETTING_DEFAULTS.commandLockTimeoutMs);
  assert.equal(clientSettings({ get: (key) => (key === 'commandLockTimeoutMs' ? 3000 : undefined) }).commandLockTimeoutMs, 3000);
  // The language server's own defaults for the linting settings.
  assert.equal(properties['alembic.lint.enable']?.default, defaultSettings.lint.enable);
  assert.deepEqual(properties['alembic.lint.rules']?.default, defaultSettings.lint.rules);
  assert.equal(properties['alembic.lint.scope']?.default, defaultSettings.lint.scope);
  assert.deepEqual(properties['alembic.lint.scope']?.enum, [...LINT_SCOPES]);
  assert.equal(properties['alembic.lint.baseRef']?.default, defaultSettings.lint.baseRef);
  assert.deepEqual(properties['alembic.verify.database']?.enum, [...VERIFY_DATABASES]);
  assert.equal(clientSettings({ get: (key) => (key === 'verify.database' ? 'scratch' : undefined) })['verify.database'], 'scratch');
  assert.equal(clientSettings({ get: (key) => (key === 'verify.database' ? 'production' : undefined) })['verify.database'], 'embedded', 'an unknown value is never a database');
  for (const key of CONNECTION_SETTINGS) assert.ok(properties[key], `${key} is watched but not contributed`);
});

test('the walkthrough: open a project, choose the interpreter, connect, upgrade, create a revision, verify; each step completes on an event that happens', () => {
  const [walkthrough, ...others] = manifest.contributes.walkthroughs;
  assert.ok(walkthrough && others.length === 0);
  assert.deepEqual(walkthrough.steps.map((s) => s.id), ['openProject', 'chooseInterpreter', 'connectDatabase', 'upgrade', 'createRevision', 'verify']);
  const keys = new Set<string>(Object.values(CONTEXT_KEYS));
  const settings = manifest.contributes.configuration.properties;
  // Commands of other extensions and the workbench the steps may name (the Python extension's picker).
  const foreign = new Set(['python.setInterpreter', 'workbench.action.files.openFolder', 'workbench.action.openSettings', `${MIGRATIONS_VIEW_ID}.focus`]);
  for (const step of walkthrough.steps) {
    assert.ok(step.completionEvents.length > 0, `${step.id} never completes`);
    for (const event of step.completionEvents) {
      const [kind, value = ''] = event.split(/:(.*)/s);
      if (kind === 'onCommand') assert.ok(contributed.has(value) || foreign.has(value), `${step.id}: ${event} names no command`);
      else if (kind === 'onContext') assert.ok(keys.has(value), `${step.id}: ${event} is not a context key the client sets`);
      else if (kind === 'onSettingChanged') assert.ok(settings[value], `${step.id}: ${event} is not a setting`);
      else assert.fail(`${step.id}: unexpected completion event ${event}`);
    }
    for (const link of step.description.matchAll(/\(command:([\w.]+)/g)) {
      assert.ok(contributed.has(link[1] ?? '') || foreign.has(link[1] ?? ''), `${step.id} links to ${link[1]}`);
    }
    const markdown = step.media.markdown ?? '';
    assert.match(markdown, /^media\/walkthrough\/[\w-]+\.md$/, `${step.id}'s media`);
    const text = fs.readFileSync(path.join(repoRoot, markdown), 'utf8');
    // The packaged extension works offline, and the webview would not load them anyway.
    assert.doesNotMatch(text, /https?:\/\/|!\[/, `${markdown} has a remote link or an image`);
  }
});
