/**
 * Which command-line flags a llama-server binary knows, read from its `--help` once per binary. The user may
 * point the engine at another llama.cpp build (`--llama-server`), and llama-server refuses unknown flags, so
 * the newer ones (--api-key-file, --poll) are passed only when the binary lists them.
 */
import { runProcess } from '../platform/runProcess.ts';

export interface ServerFlags {
  /** `--api-key-file`: the key is read from a file instead of the command line. */
  apiKeyFile: boolean;
  /** `--poll <0..100>`: 0 makes idle worker threads sleep instead of spinning. */
  poll: boolean;
  /** `-tb` / `--threads-batch`. */
  threadsBatch: boolean;
  /** `--device <name|none>`: which ggml device holds the model. */
  device: boolean;
}

const known = new Map<string, Promise<ServerFlags>>();

/** Flags read from a `--help` text. */
export function parseServerFlags(help: string): ServerFlags {
  const has = (flag: string) => new RegExp(`(^|[\\s,])${flag.replace(/-/g, '\\-')}(?=[\\s,=]|$)`, 'm').test(help);
  return { apiKeyFile: has('--api-key-file'), poll: has('--poll'), threadsBatch: has('--threads-batch'), device: has('--device') };
}

export function serverFlags(binary: string): Promise<ServerFlags> {
  let flags = known.get(binary);
  if (!flags) {
    flags = runProcess(binary, ['--help'], { timeoutMs: 30_000 })
      .then((r) => parseServerFlags(r.stdout.toString('utf8') + r.stderr))
      // A binary that cannot even print its help fails at start, with its own output in the error.
      .catch(() => ({ apiKeyFile: false, poll: false, threadsBatch: false, device: false }));
    known.set(binary, flags);
  }
  return flags;
}
