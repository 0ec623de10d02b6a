/**
 * The tiny model pairs, written by the TypeScript port, run end to end in the real llama-server:
 * image (both pairs), audio and image + audio (omni), with a GBNF grammar that forces compact JSON.
 * Needs the binary from `npm run build:llama`; fails (does not skip) when it is missing.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { resolveLlamaServerBinary } from '../../../native-models/vlm/llamaServerBinary.ts';
import { writeTinyModelPair, type TinyModelKind } from '../../../native-models/demo/writeTinyModels.ts';
import { chat, sineWav, startLlamaServer, testImagePng, type ChatResult, type RunningLlamaServer } from '../../helpers/tinyModelServer.ts';

// No optional whitespace and a bounded justification: a random-weight model always finishes it.
const GRAMMAR = 'root ::= "{\\"present\\":" ("true"|"false") ",\\"justification\\":\\"" [a-zA-Z0-9 ,.]{1,80} "\\"}"';
const QUESTION = { type: 'text', text: 'Is there rhythmic clonic jerking of the right arm? Answer in JSON.' };
const IMAGE = { type: 'image_url', image_url: { url: `data:image/png;base64,${testImagePng().toString('base64')}` } };
const AUDIO = { type: 'input_audio', input_audio: { data: sineWav({ seconds: 2 }).toString('base64'), format: 'wav' } };

function request(content: unknown[]): Record<string, unknown> {
  return { messages: [{ role: 'user', content }], grammar: GRAMMAR, max_tokens: 200, temperature: 0.8, seed: 7 };
}

function assertJsonAnswer(r: ChatResult, what: string): { promptTokens: number } {
  assert.equal(r.status, 200, `${what}: HTTP ${r.status} ${JSON.stringify(r.body.error ?? r.body).slice(0, 500)}`);
  const choice = r.body.choices?.[0];
  assert.ok(choice, `${what}: no choices`);
  assert.equal(choice.finish_reason, 'stop', `${what}: finish_reason ${choice.finish_reason}`);
  const answer = JSON.parse(choice.message.content) as Record<string, unknown>;
  assert.deepEqual(Object.keys(answer), ['present', 'justification'], what);
  assert.equal(typeof answer.present, 'boolean');
  assert.equal(typeof answer.justification, 'string');
  const promptTokens = r.body.usage?.prompt_tokens ?? 0;
  assert.ok(promptTokens > 0, `${what}: no usage.prompt_tokens`);
  return { promptTokens };
}

const binary = resolveLlamaServerBinary();
let dir: string;
before(async () => {
  assert.ok(binary, 'llama-server binary not found: run "npm run build:llama" first (or set SEMIOSCOPE_LLAMA_SERVER).');
  dir = await mkdtemp(path.join(tmpdir(), 'tiny-models-'));
});
after(async () => { if (dir) await rm(dir, { recursive: true, force: true }); });

function suite(kind: TinyModelKind, cases: [string, unknown[]][]): void {
  describe(`llama-server on the tiny ${kind} pair`, () => {
    let server: RunningLlamaServer | undefined;

    before(async () => {
      const t0 = performance.now();
      const files = await writeTinyModelPair(kind, path.join(dir, kind));
      const genMs = performance.now() - t0;
      server = await startLlamaServer(binary!, files);
      process.stderr.write(`${kind}: pair written in ${genMs.toFixed(0)} ms, llama-server healthy after ${server.loadMs.toFixed(0)} ms\n`);
    });
    after(async () => {
      const t0 = performance.now();
      await server?.stop();
      process.stderr.write(`${kind}: llama-server stopped in ${(performance.now() - t0).toFixed(0)} ms\n`);
    });

    it('answers a text-only prompt with grammar-constrained JSON', async () => {
      const r = await chat(server!, request([QUESTION]));
      const textOnlyTokens = assertJsonAnswer(r, 'text only').promptTokens;
      process.stderr.write(`  ${kind} text only: ${r.ms.toFixed(0)} ms, ${textOnlyTokens} prompt tokens\n`);
    });

    for (const [name, content] of cases) {
      it(`answers with ${name} input, and the media adds prompt tokens`, async () => {
        // Its own text-only baseline: the test does not rely on the text-only test having run first.
        const textOnlyTokens = assertJsonAnswer(await chat(server!, request([QUESTION])), 'text only').promptTokens;
        assert.ok(textOnlyTokens > 0, 'the text-only request counts prompt tokens');
        const r = await chat(server!, request([...content, QUESTION]));
        const { promptTokens } = assertJsonAnswer(r, name);
        assert.ok(promptTokens > textOnlyTokens, `${name}: ${promptTokens} prompt tokens, text only ${textOnlyTokens}`);
        process.stderr.write(`  ${kind} ${name}: ${r.ms.toFixed(0)} ms, ${promptTokens} prompt tokens\n`);
      });
    }
  });
}

suite('omni', [['image', [IMAGE]], ['audio', [AUDIO]], ['image + audio', [IMAGE, AUDIO]]]);
suite('internvl', [['image', [IMAGE]]]);
