// What the extension and the embedded database's child process share: where the database lives, and the
// messages between them. Nothing here loads PGlite, so the extension's bundle stays free of it.
import * as path from 'node:path';

export const EMBEDDED_HOST = '127.0.0.1';

export function embeddedFolder(workspaceDir: string): string {
  return path.join(workspaceDir, '.alembic');
}

export type ChildMessage =
  | { type: 'ready'; url: string; port: number; dataDir: string; pid: number; clientEnv: Record<string, string> }
  | { type: 'failed'; message: string; locked?: { pid: number; lockFile: string } }
  | { type: 'log'; line: string }
  | { type: 'stopped' };

export type ParentMessage = { type: 'stop' };
