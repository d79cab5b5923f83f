/**
 * SHA-256 (FIPS 180-4) written for QuickJS: the compression loop is one
 * function with no calls, rotations inlined and all state in locals, because
 * every bytecode op costs hundreds of Wasm instructions there. About twice as
 * fast in a canister as @noble/hashes; the test checks both agree.
 */
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const INITIAL = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/** Runs the compression function over every whole 64-byte block of `data` (length a multiple of 64). */
function compress(state: Int32Array, data: Uint8Array, w: Int32Array): void {
  let h0 = state[0]!,
    h1 = state[1]!,
    h2 = state[2]!,
    h3 = state[3]!;
  let h4 = state[4]!,
    h5 = state[5]!,
    h6 = state[6]!,
    h7 = state[7]!;
  for (let off = 0; off < data.length; off += 64) {
    for (let i = 0, j = off; i < 16; i++, j += 4) {
      w[i] = (data[j]! << 24) | (data[j + 1]! << 16) | (data[j + 2]! << 8) | data[j + 3]!;
    }
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15]!;
      const y = w[i - 2]!;
      w[i] =
        (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) +
        (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) +
        w[i - 7]! +
        w[i - 16]!;
    }
    let a = h0,
      b = h1,
      c = h2,
      d = h3,
      e = h4,
      f = h5,
      g = h6,
      h = h7;
    for (let i = 0; i < 64; i++) {
      const t1 =
        (h +
          (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) +
          ((e & f) ^ (~e & g)) +
          K[i]! +
          w[i]!) |
        0;
      const t2 =
        ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) +
          ((a & b) ^ (a & c) ^ (b & c))) |
        0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
    h5 = (h5 + f) | 0;
    h6 = (h6 + g) | 0;
    h7 = (h7 + h) | 0;
  }
  state[0] = h0;
  state[1] = h1;
  state[2] = h2;
  state[3] = h3;
  state[4] = h4;
  state[5] = h5;
  state[6] = h6;
  state[7] = h7;
}

export function sha256(data: Uint8Array): Uint8Array {
  const state = Int32Array.from(INITIAL);
  const w = new Int32Array(64);
  const whole = data.length - (data.length % 64);
  compress(state, data.subarray(0, whole), w);
  // Padding: 0x80, zeros, then the bit length as a 64-bit big-endian number.
  const tailLength = data.length - whole < 56 ? 64 : 128;
  const tail = new Uint8Array(tailLength);
  tail.set(data.subarray(whole));
  tail[data.length - whole] = 0x80;
  const view = new DataView(tail.buffer);
  view.setUint32(tailLength - 8, Math.floor(data.length / 0x20000000));
  view.setUint32(tailLength - 4, (data.length * 8) >>> 0);
  compress(state, tail, w);
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) outView.setInt32(i * 4, state[i]!);
  return out;
}

const HEX = '0123456789abcdef';

/** Lower-case hex sha256 of `data`. */
export function sha256Hex(data: Uint8Array): string {
  let out = '';
  for (const byte of sha256(data)) out += HEX[byte >> 4]! + HEX[byte & 15]!;
  return out;
}

const encoder = new TextEncoder();

export function sha256HexOfText(text: string): string {
  return sha256Hex(encoder.encode(text));
}
