/**
 * `media:stills` in the desktop shell: the engine (utility process) builds the seek stills, but main serves
 * media through its protocol, so main forwards the call, then allows the engine's stills file in its own
 * registry of opened files (only a `<sha256>-<height>.stills` file in the stills folder:
 * OpenedMedia.openStills) and answers its own URL for it. Pure of Electron imports, so it is unit-tested in Node.
 */
import type { ApiOutputs } from '../native-models/contract/reviewApi.ts';
import type { OpenedMedia } from '../native-models/platform/openedMedia.ts';
import { stillsDir, stillsFilePath } from '../native-models/platform/stillsFiles.ts';

type StillsAnswer = ApiOutputs['media:stills'];

export function forwardStills(engine: (input: { path: string }) => Promise<StillsAnswer>, openedFiles: OpenedMedia, mediaUrl: (id: string) => string,
  dir: () => string = stillsDir): (input: { path: string }) => Promise<StillsAnswer> {
  return async (input) => {
    const out = await engine(input);
    if (out.state !== 'ready') return out;
    const { id } = await openedFiles.openStills(stillsFilePath(out.sha256, out.height, dir()), dir());
    return { ...out, url: mediaUrl(id) };
  };
}
