/** clinicianInterval: the clinician's times where given; else the model's onset and segment end; else the whole recording. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clinicianInterval } from '../../../native-models/export/clinicianInterval.ts';
import { analysisSkeleton, findingOf } from '../../helpers/analysisFixture.ts';

const analysis = { ...analysisSkeleton(), segments: [{ index: 0, startS: 0, endS: 30 }, { index: 1, startS: 25, endS: 55 }], recording: { ...analysisSkeleton().recording, durationS: 55 } };
const tonic = { ...findingOf('tonic', 'present'), positiveSegments: [1], onsetS: 27 };

test("the clinician's own onset and offset win", () => {
  assert.deepEqual(clinicianInterval(analysis, tonic, { onsetS: 10, offsetS: 20 }), { startS: 10, endS: 20, from: { onset: 'clinician', offset: 'clinician' } });
});

test("no times: the model's onset to the end of its positive segment holding it", () => {
  assert.deepEqual(clinicianInterval(analysis, tonic, { onsetS: null, offsetS: null }), { startS: 27, endS: 55, from: { onset: 'model', offset: 'model' } });
});

test("an onset only: the end of the model's positive segment that holds it, else the recording's end", () => {
  assert.deepEqual(clinicianInterval(analysis, tonic, { onsetS: 30, offsetS: null }), { startS: 30, endS: 55, from: { onset: 'clinician', offset: 'model' } });
  assert.deepEqual(clinicianInterval(analysis, tonic, { onsetS: 3, offsetS: null }), { startS: 3, endS: 55, from: { onset: 'clinician', offset: 'recording' } });
});

test('a sign the model did not find, added without times: the whole recording', () => {
  assert.deepEqual(clinicianInterval(analysis, findingOf('clonic', 'absent'), { onsetS: null, offsetS: null }), { startS: 0, endS: 55, from: { onset: 'recording', offset: 'recording' } });
  assert.deepEqual(clinicianInterval(analysis, undefined, { onsetS: null, offsetS: null }).endS, 55);
});
