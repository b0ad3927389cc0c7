// The embedded development database (PGlite on a loopback port): at most one per window, for one workspace
// folder. While it runs it is the connection of every project in that folder, replacing what they configure.
import { resolveConnection, type ResolvedConnection } from '../logic/connection';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../logic/embedded-db';

export const EMBEDDED_SOURCE = 'embedded database (PGlite)';

export class EmbeddedService {
  private running: { db: EmbeddedDatabase; workspaceDir: string } | undefined;
  private starting: Promise<EmbeddedDatabase> | undefined;

  constructor(private readonly log: (line: string) => void) {}

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  get workspaceDir(): string | undefined {
    return this.running?.workspaceDir;
  }

  async start(workspaceDir: string): Promise<EmbeddedDatabase> {
    if (this.running) {
      if (this.running.workspaceDir === workspaceDir) return this.running.db;
      await this.stop();
    }
    this.starting ??= startEmbeddedDatabase({ workspaceDir, log: this.log }).finally(() => {
      this.starting = undefined;
    });
    const db = await this.starting;
    this.running = { db, workspaceDir };
    return db;
  }

  async stop(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    await running?.db.stop();
  }

  /** The embedded database as a resolved connection, for projects in its workspace folder. */
  connectionFor(workspaceDir: string | undefined): ResolvedConnection | undefined {
    if (!this.running || workspaceDir !== this.running.workspaceDir) return undefined;
    const { db } = this.running;
    const resolved = resolveConnection({ env: { DATABASE_URL: db.url, ...db.clientEnv } });
    // The URL is ours and well-formed: a problem here is a bug, reported like any other connection problem.
    if ('problem' in resolved) return undefined;
    return { ...resolved, source: EMBEDDED_SOURCE, env: { ...resolved.env, ...db.clientEnv } };
  }
}
