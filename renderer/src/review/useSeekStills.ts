/**
 * Asks the engine for a recording's seek stills (`media:stills`) and keeps asking, once a second, while
 * they are being built: the stage shows the build's percent meanwhile and seeks work as before; once ready,
 * the still layer shows each seek's frame at once. A failure leaves seeking as it was, with the reason.
 */
import { useEffect, useState } from 'react';
import type { ApiOutputs } from '../../../native-models/contract/reviewApi.ts';
import { errorText } from '../errorText.ts';
import { api } from '../semioscopeApi.ts';

export type ReadyStills = Extract<ApiOutputs['media:stills'], { state: 'ready' }>;
export type StillsStatus = { state: 'none' } | { state: 'building'; percent: number } | { state: 'failed'; message: string } | ReadyStills;

const POLL_MS = 1000;

export function useSeekStills(videoPath: string | null | undefined): StillsStatus {
  const [status, setStatus] = useState<StillsStatus>({ state: 'none' });
  useEffect(() => {
    setStatus({ state: 'none' });
    if (!videoPath) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = () => {
      api()['media:stills']({ path: videoPath }).then((s) => {
        if (!live) return;
        setStatus(s);
        if (s.state === 'building') timer = setTimeout(ask, POLL_MS);
      }, (e: unknown) => { if (live) setStatus({ state: 'failed', message: errorText(e).message }); });
    };
    ask();
    return () => { live = false; clearTimeout(timer); };
  }, [videoPath]);
  return status;
}
