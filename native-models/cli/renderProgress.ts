import type { ProgressEvent } from '../contract/progressEvent.ts';
import type { ProgressListener } from '../pipeline/progress.ts';

function eta(s: number | null): string {
  if (s === null) return '';
  const m = Math.floor(s / 60);
  return m ? ` ETA ${m} min ${Math.round(s % 60)} s` : ` ETA ${Math.round(s)} s`;
}

/** Progress on stderr: one line per event, or JSON lines for programs (--json-progress). */
export function renderProgress(out: NodeJS.WritableStream, json: boolean): ProgressListener {
  let lastLine = 0;
  return (e: ProgressEvent) => {
    if (json) { out.write(`${JSON.stringify({ type: 'progress', ...e })}\n`); return; }
    const now = Date.now();
    if (e.stage === 'analyse' && e.done < e.total && now - lastLine < 1000) return;
    lastLine = now;
    out.write(`[${e.stage}] ${e.percent.toFixed(0).padStart(3)}% ${e.message}${eta(e.etaS)}\n`);
  };
}
