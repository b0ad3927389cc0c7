// What the language server and the client agree on: custom requests and notifications, and how the client starts
// the server. Both bundles include this folder, so it imports nothing but vscode-languageserver-protocol and
// common/ (no core, no node:fs, no vscode).
export * from './commands';
export * from './database';
export * from './diagnostics';
export * from './graph';
export * from './server-process';
