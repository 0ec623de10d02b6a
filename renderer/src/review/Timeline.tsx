/** The timeline: lanes grouped face / limb / context / audio, a legend of the status patterns, a playhead; clicking the ruler seeks. */
import type { MouseEvent } from 'react';
import { Lane } from './Lane.tsx';
import type { LaneGroup } from './timelineLanes.ts';

export function Timeline({ groups, groupLabels, durationS, timeS, onSeek }: { groups: LaneGroup[]; groupLabels: Record<string, string>; durationS: number; timeS: number; onSeek: (t: number) => void }) {
  const seekFromRuler = (e: MouseEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    onSeek(Math.min(durationS, Math.max(0, ((e.clientX - r.left) / r.width) * durationS)));
  };
  const left = `${(100 * timeS) / Math.max(durationS, 1e-6)}%`;
  return (
    <section className="timeline" aria-label="Timeline">
      <div className="legend" aria-label="Legend">
        <span><i className="swatch pattern-solid status-present" /> present</span>
        <span><i className="swatch pattern-hollow status-absent" /> absent</span>
        <span><i className="swatch pattern-dotted status-not_assessed" /> not assessed</span>
        <span><i className="swatch pattern-crosshatch status-failed" /> failed</span>
      </div>
      <div className="lanes">
        <div className="ruler-row"><span className="lane-label" /><div className="ruler" data-testid="ruler" onClick={seekFromRuler} title="Click to seek">
          {Array.from({ length: Math.floor(durationS) + 1 }, (_, s) => s).filter((s) => s % Math.max(1, Math.ceil(durationS / 12)) === 0)
            .map((s) => <span key={s} className="ruler-tick" style={{ left: `${(100 * s) / Math.max(durationS, 1e-6)}%` }}>{s}s</span>)}
        </div></div>
        {groups.map((g) => (
          <div key={g.group} className="lane-group" role="group" aria-label={groupLabels[g.group] ?? g.group}>
            <h3>{groupLabels[g.group] ?? g.group}</h3>
            {g.lanes.map((lane) => <Lane key={lane.featureId} lane={lane} durationS={durationS} onSeek={onSeek} />)}
          </div>
        ))}
        <div className="playhead-track" aria-hidden="true"><div className="playhead" data-testid="playhead" style={{ left }} /></div>
      </div>
    </section>
  );
}
