import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, encodeUtf8 } from '../utf8.ts';
import {
  foldLine,
  FOLD_OCTETS,
  formatContentLine,
  parseContentLine,
  unfoldLines,
} from './content-lines.ts';
import { escapeText, unescapeText } from './text-escape.ts';

const wideText = fc.string({
  unit: fc.oneof(
    fc.constantFrom('a', 'Z', ' ', ';', ',', '\\', ':', '"', '\n'),
    fc.constantFrom('é', 'ß', 'Ж'), // 2 octets
    fc.constantFrom('日', '本', '語', '€'), // 3 octets
    fc.constantFrom('😀', '🎉', '👩‍💻', '𝄞'), // 4 octets (and a ZWJ sequence)
  ),
  maxLength: 400,
});

describe('content line folding', () => {
  it('never exceeds 75 octets per physical line and never splits a UTF-8 sequence', () => {
    fc.assert(
      fc.property(wideText, (value) => {
        const folded = foldLine(`SUMMARY:${escapeText(value)}`);
        const physical = folded.split('\r\n');
        for (const line of physical) {
          const bytes = encodeUtf8(line);
          expect(bytes.length).toBeLessThanOrEqual(FOLD_OCTETS);
          // a line that decodes back to itself holds only whole sequences (no U+FFFD, no lone surrogates)
          expect(decodeUtf8(bytes)).toBe(line);
          expect(
            /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(line),
          ).toBe(false);
        }
        physical.slice(1).forEach((line) => expect(line.startsWith(' ')).toBe(true));
        // unfolding both as text and as bytes gives the original logical line back
        const [fromText] = unfoldLines(folded);
        const [fromBytes] = unfoldLines(encodeUtf8(folded));
        expect(fromText!.text).toBe(`SUMMARY:${escapeText(value)}`);
        expect(fromBytes!.text).toBe(`SUMMARY:${escapeText(value)}`);
        expect(unescapeText(fromBytes!.text.slice('SUMMARY:'.length))).toBe(
          value.replace(/\r\n|\r/g, '\n'),
        );
      }),
      { numRuns: 2_000 },
    );
  });

  it('folds a long CJK and emoji line at code point boundaries', () => {
    const line = `SUMMARY:${'日本語'.repeat(20)}${'🎉'.repeat(20)}`;
    const physical = foldLine(line).split('\r\n');
    expect(physical.length).toBeGreaterThan(2);
    expect(physical.map((l) => encodeUtf8(l).length).every((n) => n <= 75)).toBe(true);
    expect(physical.slice(0, -1).every((l) => encodeUtf8(l).length >= 72)).toBe(true);
  });

  it('parses parameters, quoted values and values containing colons', () => {
    const parsed = parseContentLine({
      text: 'DTSTART;TZID="America/New_York";X-A=a,"b:c":19970902T090000',
      line: 3,
    });
    expect(parsed).toEqual({
      name: 'DTSTART',
      params: { TZID: ['America/New_York'], 'X-A': ['a', 'b:c'] },
      value: '19970902T090000',
      line: 3,
    });
    expect(parseContentLine({ text: 'DESCRIPTION:see http://x.test/a:b', line: 1 })).toMatchObject({
      value: 'see http://x.test/a:b',
    });
    expect(parseContentLine({ text: 'no colon here', line: 9 })).toMatchObject({ line: 9 });
    expect(formatContentLine('X', 'v', { CN: 'Doe, John' })).toBe('X;CN="Doe, John":v');
  });

  it('escapes TEXT per RFC 5545 §3.3.11 (colon untouched)', () => {
    expect(escapeText('a\\b;c,d\ne:f')).toBe('a\\\\b\\;c\\,d\\ne:f');
    expect(unescapeText('a\\\\b\\;c\\,d\\Ne:f')).toBe('a\\b;c,d\ne:f');
  });
});
