import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

/** Product name and version, as written into analysis.json and the report. */
export const GENERATOR = { name: 'Semioscope', version: pkg.version } as const;
