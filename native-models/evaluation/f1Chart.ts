/**
 * Per-feature F1 with intervals as an SVG dot-and-whisker chart, written by hand (no browser, no fonts to
 * load): one row per feature grouped as in the catalogue, one dot per prediction set with its
 * patient-grouped bootstrap interval, and the two chance baselines marked on every row.
 */
import { FEATURES, GROUP_LABELS, type FeatureGroup } from '../semiology/featureCatalogue.ts';
import type { Interval, PredictionSetResult } from './evaluationTypes.ts';
import { escapeXml } from './escapeXml.ts';
import { formatFixed3, formatWithInterval } from './formatNumber.ts';
import type { LabelBaseline } from './labelBaselines.ts';

/** Okabe-Ito: distinguishable with colour-vision deficiencies. */
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];
const GROUP_ORDER: readonly FeatureGroup[] = ['context', 'face', 'limb', 'audio'];

export interface F1ChartOptions {
  title: string;
  /** Standalone .svg files need the xmlns attribute; inline SVG in HTML does not. */
  standalone: boolean;
}

export function renderF1Chart(sets: readonly PredictionSetResult[], baselines: ReadonlyMap<string, LabelBaseline>, opts: F1ChartOptions): string {
  const scored = new Set(sets.flatMap((s) => s.results.map((r) => r.featureId)));
  const labelW = 190;
  const plotW = 440;
  const right = 24;
  const rowH = Math.max(20, 9 * sets.length + 10);
  const groupH = 22;
  const top = 48 + Math.ceil(sets.length / 3) * 16;
  const width = labelW + plotW + right;
  const x = (v: number): number => labelW + v * plotW;
  const body: string[] = [];
  let y = top;
  let stripe = 0;

  for (const group of GROUP_ORDER) {
    const feats = FEATURES.filter((f) => f.group === group && scored.has(f.id));
    if (feats.length === 0) continue;
    body.push(`<text x="8" y="${y + 15}" font-weight="bold" font-size="12">${escapeXml(GROUP_LABELS[group])}</text>`);
    y += groupH;
    for (const f of feats) {
      if (stripe++ % 2 === 0) body.push(`<rect x="0" y="${y}" width="${width}" height="${rowH}" fill="#f3f4f6"/>`);
      const mid = y + rowH / 2;
      body.push(`<text x="${labelW - 8}" y="${mid + 4}" text-anchor="end" font-size="11">${escapeXml(f.label)}</text>`);
      const b = baselines.get(f.id);
      if (b?.random.f1 != null) {
        body.push(`<line x1="${x(b.random.f1)}" x2="${x(b.random.f1)}" y1="${y + 2}" y2="${y + rowH - 2}" stroke="#6b7280" stroke-width="2" stroke-dasharray="3 2"><title>${escapeXml(`${f.label}: random baseline F1 ${formatFixed3(b.random.f1)} (prevalence ${b.positives}/${b.positives + b.negatives})`)}</title></line>`);
      }
      if (b?.alwaysYes.f1 != null) {
        const ax = x(b.alwaysYes.f1);
        body.push(`<path d="M${ax - 4} ${y + 3} L${ax + 4} ${y + 3} L${ax} ${y + 9} Z" fill="#9ca3af"><title>${escapeXml(`${f.label}: always-yes F1 ${formatFixed3(b.alwaysYes.f1)}`)}</title></path>`);
      }
      sets.forEach((s, i) => {
        const r = s.results.find((q) => q.featureId === f.id);
        if (!r || r.f1 === null) return;
        const cy = y + 9 + ((rowH - 12) * (i + 0.5)) / sets.length;
        const color = PALETTE[i % PALETTE.length]!;
        const tip = escapeXml(`${s.name} — ${f.label}: F1 ${formatWithInterval(r.f1, r.f1Ci)}, n=${r.n}`);
        if (r.f1Ci) body.push(whisker(x, r.f1Ci, cy, color));
        body.push(`<circle cx="${x(r.f1).toFixed(1)}" cy="${cy.toFixed(1)}" r="3.5" fill="${color}"><title>${tip}</title></circle>`);
      });
      y += rowH;
    }
  }
  const axisY = y + 4;
  const axis: string[] = [`<line x1="${x(0)}" x2="${x(1)}" y1="${axisY}" y2="${axisY}" stroke="#374151"/>`];
  for (let t = 0; t <= 10; t += 2) {
    const tx = x(t / 10);
    axis.push(`<line x1="${tx}" x2="${tx}" y1="${top}" y2="${axisY}" stroke="#d1d5db" stroke-width="0.5"/>`);
    axis.push(`<text x="${tx}" y="${axisY + 14}" text-anchor="middle" font-size="10">${(t / 10).toFixed(1)}</text>`);
  }
  axis.push(`<text x="${x(0.5)}" y="${axisY + 30}" text-anchor="middle" font-size="11">F1 (bars: patient-grouped bootstrap 95% interval)</text>`);
  const legend = sets.map((s, i) => {
    const lx = 8 + (i % 3) * 210;
    const ly = 36 + Math.floor(i / 3) * 16;
    return `<circle cx="${lx + 4}" cy="${ly - 4}" r="4" fill="${PALETTE[i % PALETTE.length]}"/><text x="${lx + 12}" y="${ly}" font-size="11">${escapeXml(s.name)}</text>`;
  });
  const height = axisY + 58;
  const note = `<path d="M${8} ${height - 17} L16 ${height - 17} L12 ${height - 11} Z" fill="#9ca3af"/><text x="20" y="${height - 10}" font-size="10">always-yes F1</text>` +
    `<line x1="110" x2="110" y1="${height - 20}" y2="${height - 8}" stroke="#6b7280" stroke-width="2" stroke-dasharray="3 2"/><text x="116" y="${height - 10}" font-size="10">prevalence-matched random F1 (chance)</text>`;
  const xmlns = opts.standalone ? ' xmlns="http://www.w3.org/2000/svg"' : '';
  return [
    `<svg${xmlns} width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" role="img" aria-label="${escapeXml(opts.title)}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="8" y="18" font-size="14" font-weight="bold">${escapeXml(opts.title)}</text>`,
    ...legend, ...axis, ...body, note,
    '</svg>',
  ].join('\n') + '\n';
}

function whisker(x: (v: number) => number, ci: Interval, cy: number, color: string): string {
  const a = x(ci.lo).toFixed(1);
  const b = x(ci.hi).toFixed(1);
  return `<path d="M${a} ${(cy - 3).toFixed(1)} V${(cy + 3).toFixed(1)} M${a} ${cy.toFixed(1)} H${b} M${b} ${(cy - 3).toFixed(1)} V${(cy + 3).toFixed(1)}" stroke="${color}" stroke-width="1.5" fill="none"/>`;
}
