import type { Finding } from '../contract/analysisSchema.ts';

export type FindingStatus = Finding['status'];

/** The machine status as printed: "present", "absent", "not assessed", "failed". */
export function statusLabel(status: FindingStatus): string {
  return status === 'not_assessed' ? 'not assessed' : status;
}
