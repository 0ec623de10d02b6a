/**
 * The tiny models' tokenizer: GPT-2 style byte-level BPE (every byte is a token), a few merges, and the
 * chat template's special tokens as CONTROL tokens. Same scheme as make_tiny_omni.py / make_tiny_internvl.py.
 */

/** gguf-py constants.TokenType */
export const TokenType = { NORMAL: 1, UNKNOWN: 2, CONTROL: 3, USER_DEFINED: 4, UNUSED: 5, BYTE: 6 } as const;

/** GPT-2's bytes_to_unicode(): the printable character that stands for each byte 0..255. */
export function byteLevelTokens(): string[] {
  const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);
  const bs = [...range(0x21, 0x7e), ...range(0xa1, 0xac), ...range(0xae, 0xff)];
  const cs = [...bs];
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (!bs.includes(b)) {
      bs.push(b);
      cs.push(256 + n++);
    }
  }
  const byByte = new Array<string>(256);
  bs.forEach((b, i) => { byByte[b] = String.fromCodePoint(cs[i]!); });
  return byByte;
}

/** ChatML, the same Jinja text as the Python recipes (`'\n'` inside the Jinja strings is backslash + n). */
export const CHATML_TEMPLATE =
  "{%- for message in messages -%}"
  + "{{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' -}}"
  + '{%- endfor -%}'
  + "{%- if add_generation_prompt -%}{{- '<|im_start|>assistant\\n' -}}{%- endif -%}";

export interface TinyVocab {
  tokens: string[];
  tokenTypes: number[];
  /** "a b" strings, as tokenizer.ggml.merges stores them */
  merges: string[];
  id(token: string): number;
}

export function buildVocab(mergePairs: readonly (readonly [string, string])[], specials: readonly string[]): TinyVocab {
  const bytes = byteLevelTokens();
  const merged = mergePairs.map(([a, b]) => a + b);
  const tokens = [...bytes, ...merged, ...specials];
  const tokenTypes = tokens.map((_, i) => (i < bytes.length + merged.length ? TokenType.NORMAL : TokenType.CONTROL));
  const ids = new Map(tokens.map((t, i) => [t, i]));
  return {
    tokens,
    tokenTypes,
    merges: mergePairs.map(([a, b]) => `${a} ${b}`),
    id(token: string): number {
      const i = ids.get(token);
      if (i === undefined) throw new Error(`token ${token} is not in the tiny vocabulary`);
      return i;
    },
  };
}
