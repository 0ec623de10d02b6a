/**
 * A review time as it was recorded: the reviewer's local time with its UTC offset, e.g.
 * "15 Mar 2025, 09:05 (UTC+01:00)". Not converted to the report's time zone: a sign-off is quoted as signed.
 * Input that is not an ISO date-time with an offset is returned as given.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function formatRecordedTime(atIso: string): string {
  const m = ISO_WITH_OFFSET.exec(atIso);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!m || !month) return atIso;
  const offset = m[6] === 'Z' || m[6] === '+00:00' ? 'UTC' : `UTC${m[6]}`;
  return `${Number(m[3])} ${month} ${m[1]}, ${m[4]}:${m[5]} (${offset})`;
}
