/** The lanes of the running analysis, filling as answers arrive (start/liveLanes.ts); read-only: the review screen seeks. */
import { useMemo } from 'react';
import type { Catalogue } from '../catalogue.ts';
import { Lane } from '../review/Lane.tsx';
import { timelineLanes } from '../review/timelineLanes.ts';
import { liveLaneSource, type LiveRun } from './liveLanes.ts';

export function LiveLanes({ run, catalogue }: { run: LiveRun; catalogue: Catalogue }) {
  const groups = useMemo(() => timelineLanes(liveLaneSource(run), catalogue.features), [run, catalogue]);
  const arrived = run.answers.length;
  const expected = run.plan.asked.length * run.plan.segments.length;
  return (
    <section className="timeline live-lanes" aria-label="Answers so far" data-testid="live-lanes" data-answers={arrived}>
      <p className="note">{arrived} of {expected} answers so far; a segment fills as the model answers it.</p>
      <div className="lanes">
        {groups.map((g) => (
          <div key={g.group} className="lane-group" role="group" aria-label={catalogue.groupLabels[g.group] ?? g.group}>
            <h3>{catalogue.groupLabels[g.group] ?? g.group}</h3>
            {g.lanes.map((lane) => <Lane key={lane.featureId} lane={lane} durationS={run.plan.durationS} idPrefix="live-lane" />)}
          </div>
        ))}
      </div>
    </section>
  );
}
