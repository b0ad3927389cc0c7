// The Stamp confirmation, written for the state the database is in when it shows (fresh-confirmation.ts reads it).
import { describeState, sameState, type Built } from './fresh-confirmation';

/** `current` undefined: the extension could not read the version table (`unread` says why). */
export function stampDialog(project: string, current: readonly string[] | undefined, target: string, unread?: string): Built<{ target: string }> & { ok: true } {
  const now =
    current === undefined
      ? `Its current revision could not be read here (${unread ?? 'not connected'}).`
      : sameState(current, [target])
        ? `It is at ${target} already.`
        : `It is at ${describeState(current)} now.`;
  return {
    ok: true,
    plan: { target },
    message: `Stamp ${project}'s database as ${target}?`,
    detail: `${now} The version table is set to ${target} without running any migration. Use it when the schema already matches.`,
  };
}
