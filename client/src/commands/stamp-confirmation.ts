// The Stamp confirmation, written for the state the database is in when it shows (fresh-confirmation.ts reads it).
import { describeState, sameState, type Built } from './fresh-confirmation';

export function stampDialog(project: string, current: readonly string[], target: string): Built<{ target: string }> {
  const now = sameState(current, [target]) ? `It is at ${target} already.` : `It is at ${describeState(current)} now.`;
  return {
    ok: true,
    plan: { target },
    message: `Stamp ${project}'s database as ${target}?`,
    detail: `${now} The version table is set to ${target} without running any migration. Use it when the schema already matches.`,
  };
}
