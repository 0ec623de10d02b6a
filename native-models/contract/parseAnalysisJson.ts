/**
 * Reading an analysis.json back: the text (or an object from outside, e.g. over IPC) is checked against the
 * contract, and the first wrong field becomes the engine's InputError naming the file's base name, the
 * field's path and what was expected, e.g.
 * `analysis.json: findings[3].status must be one of present, absent, not_assessed, failed (got "maybe")`.
 */
import path from 'node:path';
import type { z } from 'zod';
import { InputError } from '../errors.ts';
import { ANALYSIS_SCHEMA_VERSION, analysisResultSchema, type AnalysisResult } from './analysisSchema.ts';

const UPDATE_HINT = 'It was written by a different semioscope version: open it with that version, or analyse the recording again.';

/** Parses and checks the text of an analysis.json. `source` is a file name or path (only its base name is shown). */
export function parseAnalysisJson(text: string, source: string): AnalysisResult {
  return checkAnalysis(parseJsonText(text, source), path.basename(source));
}

/** JSON.parse with a leading BOM allowed; invalid JSON is an InputError naming the file's base name. */
export function parseJsonText(text: string, source: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new InputError(`${path.basename(source)} is not valid JSON (${(e as Error).message}).`, { cause: e });
  }
}

/** Checks an already parsed analysis; `source` names it in messages (a file's base name, or e.g. `analysis`). */
export function checkAnalysis(value: unknown, source: string): AnalysisResult {
  if (!isObject(value)) throw new InputError(`${source} must be an object (got ${shown(value)}).`);
  if (value.schemaVersion !== ANALYSIS_SCHEMA_VERSION) {
    const got = value.schemaVersion === undefined ? 'has no schemaVersion' : `has schemaVersion ${shown(value.schemaVersion)}`;
    throw new InputError(`${source} ${got}; this version of semioscope reads schemaVersion ${ANALYSIS_SCHEMA_VERSION}.`,
      { hint: UPDATE_HINT });
  }
  const r = analysisResultSchema.safeParse(value, { reportInput: true });
  if (r.success) return r.data;
  throw new InputError(`${source}: ${describeIssue(r.error.issues[0]!)}`);
}

/** One zod issue as `<path> <what was expected> (got <value>)`. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const where = formatPath(issue.path);
  const got = 'input' in issue ? ` (got ${shown(issue.input)})` : '';
  switch (issue.code) {
    case 'invalid_type':
    {
      const expected = `${article(issue.expected)}${acceptsNull(issue.path) ? ' or null' : ''}`;
      if (issue.input === undefined) return `${where} is missing (expected ${expected})`;
      return `${where} must be ${expected}${got}`;
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? `${where} must be ${shown(issue.values[0])}${got}`
        : `${where} must be one of ${issue.values.map((v) => (typeof v === 'string' ? v : shown(v))).join(', ')}${got}`;
    case 'invalid_union': {
      const values = issue.errors.flatMap((e) => e.flatMap((i) => (i.code === 'invalid_value' ? i.values : [])));
      if (values.length === issue.errors.length) return `${where} must be one of ${values.map(shown).join(', ')}${got}`;
      const first = issue.errors[0]?.[0];
      return first ? describeIssue({ ...first, path: [...issue.path, ...first.path] }) : `${where} is not valid${got}`;
    }
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return `${where} must not be empty${got}`;
      if (issue.origin === 'array' || issue.origin === 'string') return `${where} must have at least ${String(issue.minimum)} ${issue.origin === 'array' ? 'entries' : 'characters'}${got}`;
      return `${where} must be ${issue.inclusive === false ? 'greater than' : 'at least'} ${String(issue.minimum)}${got}`;
    case 'too_big':
      if (issue.origin === 'array' || issue.origin === 'string') return `${where} must have at most ${String(issue.maximum)} ${issue.origin === 'array' ? 'entries' : 'characters'}${got}`;
      return `${where} must be ${issue.inclusive === false ? 'less than' : 'at most'} ${String(issue.maximum)}${got}`;
    case 'invalid_format':
      return `${where} must be ${issue.format === 'datetime' ? 'an ISO 8601 date-time' : issue.format === 'regex' ? issue.message : `in ${issue.format} format`}${got}`;
    case 'not_multiple_of':
      return `${where} must be a multiple of ${String(issue.divisor)}${got}`;
    case 'custom':
      return `${where} must be ${issue.message}${got}`;
    default:
      return `${where}: ${issue.message}${got}`;
  }
}

type Node = { _zod: { def: { type: string; innerType?: Node; shape?: Record<string, Node>; element?: Node } } };

/** True when the field at `p` may be null (zod reports only the non-null type it expected). */
function acceptsNull(p: readonly PropertyKey[]): boolean {
  let node: Node | undefined = analysisResultSchema as unknown as Node;
  const unwrap = (n: Node | undefined): Node | undefined => {
    while (n && (n._zod.def.type === 'optional' || n._zod.def.type === 'nullable' || n._zod.def.type === 'default')) n = n._zod.def.innerType;
    return n;
  };
  for (const k of p) {
    const def: Node['_zod']['def'] | undefined = unwrap(node)?._zod.def;
    node = def?.type === 'object' ? def.shape?.[String(k)] : def?.type === 'array' ? def.element : undefined;
  }
  while (node && node._zod.def.type === 'optional') node = node._zod.def.innerType;
  return node?._zod.def.type === 'nullable';
}

/** `findings[3].status`; the document itself is `(document)`. */
function formatPath(p: readonly PropertyKey[]): string {
  if (!p.length) return '(document)';
  return p.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');
}

function article(expected: string): string {
  if (expected === 'int') return 'a whole number';
  if (expected === 'array') return 'a list';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function shown(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object' && v !== null) return 'an object';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}..."` : s;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
