// A ServerSink for handler tests: what a test does not pass is ignored (progress is recorded in `progress`).
import { NO_PROGRESS, type ServerSink } from '../../server/src/lsp/state';

export interface SinkRecord {
  /** Each progress shown: its title, the messages reported and whether it ended. */
  progress: { title: string; messages: string[]; done: boolean }[];
  info: string[];
}

export function testSink(parts: Partial<ServerSink>, record: SinkRecord = { progress: [], info: [] }): ServerSink {
  return {
    publishDiagnostics: () => {},
    graphChanged: () => {},
    error: () => {},
    warn: () => {},
    info: (message) => void record.info.push(message),
    progress: async (title) => {
      const shown = { title, messages: [] as string[], done: false };
      record.progress.push(shown);
      return { ...NO_PROGRESS, report: (message) => void shown.messages.push(message), done: () => void (shown.done = true) };
    },
    ...parts,
  };
}
