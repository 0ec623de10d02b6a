/**
 * onnxruntime-node, loaded only through here, with Microsoft's usage telemetry turned off first. Since 1.29 the
 * Linux/macOS native library ships a 1DS uploader: unless `ORT_DISABLE_TELEMETRY=1` is in the *process*
 * environment when it initialises, it writes a device id and an event queue (app name, CPU, RAM, model and
 * session events) under ~/.cache/Microsoft/DeveloperTools/.onnxruntime/ and looks up
 * mobile.events.data.microsoft.com to upload them. Patient-data machines must not do that.
 *
 * The JS binding (onnxruntime-node / onnxruntime-common 1.30) exposes no telemetry switch (the C API's
 * DisableTelemetryEvents is not bound), so the environment variable is the one control. The native library
 * reads the real environment (getenv), which only the main thread's `process.env` writes to: a worker
 * thread's `process.env` is a private copy. So this module sets the variable on import in the main thread
 * (import it before starting any worker that loads ORT), and in a worker it refuses to load ORT unless the
 * variable came down from the parent.
 */
import { isMainThread } from 'node:worker_threads';
import { BackendError, CancelledError } from '../errors.ts';

export type Ort = typeof import('onnxruntime-node');

export const ORT_TELEMETRY_ENV = 'ORT_DISABLE_TELEMETRY';

/** Puts ORT_DISABLE_TELEMETRY=1 into the process environment; in a worker, checks that it is there. */
export function disableOrtTelemetry(): void {
  if (isMainThread) {
    process.env[ORT_TELEMETRY_ENV] = '1';
    return;
  }
  if (process.env[ORT_TELEMETRY_ENV] !== '1') {
    throw new BackendError('onnxruntime was about to start in a worker thread with its usage telemetry on.', {
      hint: 'Import native-models/enhance/onnxRuntime.ts in the main thread before starting the worker (a bug in the app).',
    });
  }
}

// On import in the main thread, so a worker started after this inherits the switch.
if (isMainThread) disableOrtTelemetry();

let ortPromise: Promise<Ort> | null = null;

/** The onnxruntime-node module, imported after the telemetry switch is set. */
export function loadOrt(): Promise<Ort> {
  disableOrtTelemetry();
  ortPromise ??= import('onnxruntime-node');
  return ortPromise;
}

type SessionOptions = import('onnxruntime-node').InferenceSession.SessionOptions;
type Feeds = import('onnxruntime-node').InferenceSession.FeedsType;
type Outputs = import('onnxruntime-node').InferenceSession.ReturnType;

/** An onnxruntime session whose `release` may be called more than once. */
export interface OrtSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Feeds): Promise<Outputs>;
  release(): Promise<void>;
}

let live = 0;

/** Sessions created here and not yet released (to check that failed start-ups leave nothing behind). */
export function liveOrtSessions(): number {
  return live;
}

/** A session on a model file or an in-memory model, counted until released. */
export async function createOrtSession(model: string | Uint8Array, options: SessionOptions): Promise<OrtSession> {
  const ort = await loadOrt();
  const session = typeof model === 'string' ? await ort.InferenceSession.create(model, options) : await ort.InferenceSession.create(model, options);
  live++;
  let released = false;
  // onnxruntime-node runs a session on a later tick: release waits for runs already started.
  const running = new Set<Promise<Outputs>>();
  return {
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    run(feeds) {
      if (released) return Promise.reject(new CancelledError('The model was closed before this run.'));
      const p = session.run(feeds);
      running.add(p);
      const forget = () => { running.delete(p); };
      p.then(forget, forget);
      return p;
    },
    async release() {
      if (released) return;
      released = true;
      live--;
      await Promise.allSettled([...running]);
      await session.release();
    },
  };
}
