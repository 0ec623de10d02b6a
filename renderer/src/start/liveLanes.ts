/**
 * The lanes of a running analysis, filled as its answers arrive (the `analysis:plan` and `analysis:answer`
 * events): the same lanes as the review screen's, drawn from what has arrived so far. A feature's finding is
 * "present" once one of its segments is (the aggregation rule), "absent" once all its segments answered no,
 * and "not assessed" until then. Pure.
 */
import type { AnalysisPlanEvent, AnswerArrivedEvent } from '../../../native-models/contract/liveAnswers.ts';
import type { LaneSource } from '../review/timelineLanes.ts';

export interface LiveRun {
  plan: AnalysisPlanEvent;
  answers: AnswerArrivedEvent['answer'][];
}

/** A new run: its plan, no answers yet. */
export function startLiveRun(plan: AnalysisPlanEvent): LiveRun {
  return { plan, answers: [] };
}

/** The run with one more answer (an answer for the same segment, feature and variant replaces the earlier one). */
export function addLiveAnswer(run: LiveRun, { answer }: AnswerArrivedEvent): LiveRun {
  const same = (a: LiveRun['answers'][number]) => a.featureId === answer.featureId && a.segmentIndex === answer.segmentIndex && a.variant === answer.variant;
  return { plan: run.plan, answers: [...run.answers.filter((a) => !same(a)), answer] };
}

export function liveLaneSource(run: LiveRun): LaneSource {
  const findings = run.plan.asked.filter((p) => p.primary).map((p) => {
    const mine = run.answers.filter((a) => a.featureId === p.featureId && a.variant === p.variant);
    const status = mine.some((a) => a.present === true) ? 'present' as const
      : mine.length === run.plan.segments.length && mine.every((a) => a.present === false) ? 'absent' as const
        : mine.length === run.plan.segments.length && mine.every((a) => a.status === 'failed') ? 'failed' as const : 'not_assessed' as const;
    return { featureId: p.featureId, variant: p.variant, status };
  });
  return { segments: run.plan.segments, answers: run.answers, findings };
}
