// What a run may have left behind: processes (by their command line) and loopback ports. Linux (/proc), like the
// rest of the harness.
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';

const PORT_PROBE_TIMEOUT_MS = 2000;

/**
 * Running processes whose command line contains every one of `parts`, e.g. the embedded database's entry and the
 * temporary workspace it serves: another run's processes on other folders do not match.
 * @param {string[]} parts
 * @returns {{ pid: number, commandLine: string }[]}
 */
export function processesMatching(parts) {
  /** @type {{ pid: number, commandLine: string }[]} */
  const found = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let commandLine;
    try {
      commandLine = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ').trim();
    } catch {
      continue; // Ended while we looked.
    }
    // A zombie's command line is empty: it is gone but for its exit status.
    if (commandLine !== '' && parts.every((part) => commandLine.includes(part))) found.push({ pid: Number(name), commandLine });
  }
  return found;
}

/**
 * Whether something accepts connections on 127.0.0.1:`port`.
 * @param {number} port
 * @returns {Promise<boolean>}
 */
export function isListening(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (/** @type {boolean} */ open) => {
      socket.destroy();
      resolve(open);
    };
    // Loopback refuses at once when nothing listens; no answer at all means something holds the port.
    socket.setTimeout(PORT_PROBE_TIMEOUT_MS, () => done(true));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
