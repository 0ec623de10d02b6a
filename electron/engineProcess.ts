/**
 * The engine's process: Electron's main starts this file as a utility process (utilityProcess.fork), so an
 * analysis (ffmpeg, pose models, llama-server calls) never freezes the window. It runs the same review service
 * as the loopback bridge (session/reviewService.ts, the CLI's engine entry and defaults) and speaks the
 * messages of electron/engineProtocol.ts over process.parentPort.
 */
import { createReviewService, type ReviewServiceOptions } from '../native-models/session/reviewService.ts';
import { parseEngineArgs, serveEngine, type EnginePort } from './engineProtocol.ts';

/** Starts the loop on a port (process.parentPort in the utility process). */
export function runEngineProcess(port: EnginePort, options: ReviewServiceOptions): void {
  serveEngine(port, createReviewService(options));
}

const parentPort = (process as unknown as { parentPort?: EnginePort }).parentPort;
if (parentPort) runEngineProcess(parentPort, parseEngineArgs(process.argv));
