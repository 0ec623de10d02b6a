/**
 * The time interval a clinician's decision covers, for the exports that need one (the ELAN file, the start and
 * end times of the annotation layout). The clinician's own onset and offset where given. A decision without an
 * onset takes the model's onset of that sign, else the start of the recording (a sign the clinician added
 * without times covers the whole recording); a missing offset becomes the end of the model's positive segment
 * that holds the onset, else the end of the recording. `from` says which, so an export never passes a
 * borrowed time off as the clinician's.
 */
import type { AnalysisResult, Finding } from '../contract/analysisSchema.ts';
import type { ReviewEntry } from '../contract/clinicianReview.ts';

export interface ClinicianInterval {
  startS: number;
  endS: number;
  /** Where the onset and offset came from. */
  from: { onset: 'clinician' | 'model' | 'recording'; offset: 'clinician' | 'model' | 'recording' };
}

export function clinicianInterval(analysis: AnalysisResult, finding: Finding | undefined, entry: Pick<ReviewEntry, 'onsetS' | 'offsetS'>): ClinicianInterval {
  const duration = analysis.recording.durationS;
  let startS: number;
  let onset: ClinicianInterval['from']['onset'];
  if (entry.onsetS !== null) { startS = entry.onsetS; onset = 'clinician'; }
  else if (finding?.onsetS !== null && finding?.onsetS !== undefined) { startS = finding.onsetS; onset = 'model'; }
  else { startS = 0; onset = 'recording'; }

  let endS: number;
  let offset: ClinicianInterval['from']['offset'];
  const holding = (finding?.positiveSegments ?? [])
    .map((i) => analysis.segments.find((s) => s.index === i))
    .find((s) => s !== undefined && s.startS <= startS && startS < s.endS);
  if (entry.offsetS !== null) { endS = entry.offsetS; offset = 'clinician'; }
  else if (onset !== 'recording' && holding) { endS = holding.endS; offset = 'model'; }
  else { endS = Math.max(duration, startS); offset = 'recording'; }
  return { startS, endS, from: { onset, offset } };
}
