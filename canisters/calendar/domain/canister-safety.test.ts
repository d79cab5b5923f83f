/**
 * Fitness test: the domain runs inside a canister (QuickJS in Wasm), where Intl, Node built-ins, URL,
 * Buffer, TextEncoder/TextDecoder, fetch and timers are unavailable. Runtime files must not use them;
 * only tests, the build-time generator and benchmarks may.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = import.meta.dirname;
const BUILD_TIME_ONLY = [
  'tz/generate-tz-data.ts',
  'tz/alias-candidates.ts',
  'tz/generate-windows-zones.ts',
];
const FORBIDDEN = [
  /\bIntl\./,
  /from ['"]node:/,
  /\brequire\(/,
  /\bnew URL\b/,
  /\bBuffer\./,
  /\bTextEncoder\b/,
  /\bTextDecoder\b/,
  /\bsetTimeout\b/,
  /\bfetch\(/,
  /\blocaleCompare\b/,
  /\btoLocale\w*String\b/,
  /\bDate\.now\(/,
  /\bnew Date\(/,
];

function runtimeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'bench' ? [] : runtimeFiles(path);
    const rel = relative(ROOT, path);
    if (!name.endsWith('.ts') || name.endsWith('.test.ts') || TEST_SUPPORT.includes(name))
      return [];
    return BUILD_TIME_ONLY.includes(rel) ? [] : [path];
  });
}

/** test-only helpers that live beside the engine (fast-check values, oracles) */
const TEST_SUPPORT = ['rule-arbitraries.ts', 'sub-daily-oracle.ts'];

describe('canister safety of the domain code', () => {
  it('uses no API missing from QuickJS in runtime files', () => {
    const files = runtimeFiles(ROOT);
    expect(files.length).toBeGreaterThan(20);
    const offences: string[] = [];
    for (const file of files) {
      const code = readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line));
      code.forEach((line, i) => {
        for (const pattern of FORBIDDEN)
          if (pattern.test(line)) offences.push(`${relative(ROOT, file)}:${i + 1} ${pattern}`);
      });
    }
    expect(offences).toEqual([]);
  });
});
