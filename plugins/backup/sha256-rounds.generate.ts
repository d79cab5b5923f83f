// Node-only: writes the unrolled SHA-256 compression function of sha256.ts.
// `npx tsx plugins/backup/sha256-rounds.generate.ts` prints it; sha256.test.ts
// checks that sha256.ts holds exactly this text.

const K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

const rotr = (x: string, n: number) => `((${x} >>> ${n}) | (${x} << ${32 - n}))`;
const int32 = (x: number) => (x >= 2 ** 31 ? x - 2 ** 32 : x);

/** The 64 rounds for one block: working variables renamed per round instead of shifted. */
function rounds(): string[] {
  const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
  const lines: string[] = [];
  for (let i = 0; i < 64; i++) {
    const shift = (8 - (i % 8)) % 8;
    const [a, b, c, d, e, f, g, h] = [...names.slice(shift), ...names.slice(0, shift)] as string[];
    const w = `w${i % 16}`;
    if (i >= 16) {
      const w1 = `w${(i + 1) % 16}`;
      const w9 = `w${(i + 9) % 16}`;
      const w14 = `w${(i + 14) % 16}`;
      const s0 = `(${rotr(w1, 7)} ^ ${rotr(w1, 18)} ^ (${w1} >>> 3))`;
      const s1 = `(${rotr(w14, 17)} ^ ${rotr(w14, 19)} ^ (${w14} >>> 10))`;
      lines.push(`      ${w} = (${w} + ${s0} + ${w9} + ${s1}) | 0;`);
    }
    const bigS1 = `(${rotr(e!, 6)} ^ ${rotr(e!, 11)} ^ ${rotr(e!, 25)})`;
    const bigS0 = `(${rotr(a!, 2)} ^ ${rotr(a!, 13)} ^ ${rotr(a!, 22)})`;
    lines.push(
      `      ${h} = (${h} + ${bigS1} + ((${e} & ${f}) ^ (~${e} & ${g})) + ${int32(K[i]!)} + ${w}) | 0;`,
    );
    lines.push(`      ${d} = (${d} + ${h}) | 0;`);
    lines.push(
      `      ${h} = (${h} + ${bigS0} + ((${a} & ${b}) ^ (${a} & ${c}) ^ (${b} & ${c}))) | 0;`,
    );
  }
  return lines;
}

export function generateCompress(): string {
  const loads = Array.from({ length: 16 }, (_, j) => {
    const at = (k: number) => `data[off + ${4 * j + k}]!`;
    return `      let w${j} = (${at(0)} << 24) | (${at(1)} << 16) | (${at(2)} << 8) | ${at(3)};`;
  });
  return [
    '// prettier-ignore',
    'function compress(state: Int32Array, data: Uint8Array): void {',
    '  let h0 = state[0]!, h1 = state[1]!, h2 = state[2]!, h3 = state[3]!;',
    '  let h4 = state[4]!, h5 = state[5]!, h6 = state[6]!, h7 = state[7]!;',
    '  for (let off = 0; off < data.length; off += 64) {',
    ...loads,
    '      let a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;',
    ...rounds(),
    '      h0 = (h0 + a) | 0; h1 = (h1 + b) | 0; h2 = (h2 + c) | 0; h3 = (h3 + d) | 0;',
    '      h4 = (h4 + e) | 0; h5 = (h5 + f) | 0; h6 = (h6 + g) | 0; h7 = (h7 + h) | 0;',
    '  }',
    '  state[0] = h0; state[1] = h1; state[2] = h2; state[3] = h3;',
    '  state[4] = h4; state[5] = h5; state[6] = h6; state[7] = h7;',
    '}',
  ].join('\n');
}

if (process.argv[1]?.endsWith('sha256-rounds.generate.ts')) console.log(generateCompress());
