// The child process that serves the embedded database (bundled as dist/embedded-db-main.js). It talks to its parent
// over the IPC channel: one 'ready' or 'failed' message, then it serves until told to stop or until the parent
// goes away (the channel disconnects), and always stops PGlite cleanly so the data is flushed.
import { EmbeddedDatabaseLockedError } from './embedded-lock';
import { serveEmbeddedDatabase, type EmbeddedDatabase } from './embedded-server';
import type { ChildMessage, ParentMessage } from './embedded-protocol';

function send(message: ChildMessage): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const [workspaceDir, portText] = process.argv.slice(2);
  if (!workspaceDir || !process.send) {
    console.error('usage: embedded-db-main.js WORKSPACE_DIR [PORT]  (started by the Alembic extension over IPC)');
    process.exitCode = 2;
    return;
  }
  let db: EmbeddedDatabase;
  try {
    db = await serveEmbeddedDatabase({ workspaceDir, port: portText ? Number(portText) : undefined, log: (line) => send({ type: 'log', line }) });
  } catch (error) {
    const locked = error instanceof EmbeddedDatabaseLockedError ? { pid: error.pid, lockFile: error.lockFile } : undefined;
    send({ type: 'failed', message: error instanceof Error ? error.message : String(error), locked });
    process.disconnect?.();
    return;
  }
  const stop = async (): Promise<void> => {
    await db.stop().catch((error: unknown) => console.error(String(error)));
    send({ type: 'stopped' });
    process.disconnect?.();
  };
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'stop') void stop();
  });
  process.on('disconnect', () => void db.stop().finally(() => process.exit(0)));
  process.on('SIGTERM', () => void db.stop().finally(() => process.exit(0)));
  send({ type: 'ready', url: db.url, port: db.port, dataDir: db.dataDir, pid: db.pid, clientEnv: { ...db.clientEnv } });
}

void main();
