/**
 * A recording already analysed on this workstation, as the review app's start screen lists it: the answer
 * cache keeps each finished analysis (cache/analysisIndex.ts) and the review API lists and reopens them
 * (contract/reviewApi.ts). Never carries the recording's path: only its base name.
 */
export interface AnalysedRecording {
  /** Id of the latest analysis of this recording (what `analysis:open` takes). */
  id: number;
  /** SHA-256 of the recording's content. */
  sha256: string;
  fileName: string;
  modelName: string;
  /** When that analysis finished (ISO 8601). */
  analysedAt: string;
  durationS: number;
  /** Features found present, in catalogue order. */
  presentFeatures: string[];
  /** Features asked (present, absent or failed). */
  featuresAsked: number;
  /** False when the recording was moved or deleted since: the findings reopen, the video cannot play. */
  recordingFound: boolean;
}
