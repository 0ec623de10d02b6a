/** The last component of a POSIX or Windows path: the report prints file names, never directories. */
export function baseName(p: string): string {
  const parts = p.split(/[\\/]+/).filter(Boolean);
  return parts[parts.length - 1] ?? '';
}
