/**
 * The answers of a running analysis as they arrive, so the review app fills its lanes live: first the plan
 * (the segments and the (feature, variant) pairs that will be asked), then one event per answer, whether it
 * came from the cache or the model. Emitted by the pipeline, carried by both transports of the review API.
 */
import type { Answer, SegmentInfo } from './analysisSchema.ts';

export interface AnalysisPlanEvent {
  durationS: number;
  segments: SegmentInfo[];
  /** The pairs asked; `primary` marks each feature's own finding (the others are variant comparisons). */
  asked: Array<{ featureId: Answer['featureId']; variant: Answer['variant']; primary: boolean }>;
}

export interface AnswerArrivedEvent {
  answer: Answer;
}
