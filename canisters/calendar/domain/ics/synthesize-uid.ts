/**
 * A stable UID for a VEVENT that has none: a hash of its content (properties and sub-components in
 * file order, DTSTAMP left out because exporters set it to the export time), so re-importing the
 * same file finds the same event again.
 */
import type { IcsComponent } from './component-tree.ts';

function contentText(component: IcsComponent): string {
  const lines = component.properties
    .filter((p) => p.name !== 'DTSTAMP')
    .map((p) => `${p.name};${JSON.stringify(p.params)}:${p.value}`);
  for (const child of component.children) lines.push(`BEGIN:${child.name}`, contentText(child));
  return lines.join('\n');
}

/** Two 32-bit FNV-1a hashes with different offsets, over UTF-16 code units: 64 bits as hex. */
function hash64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193);
    b = Math.imul(b ^ unit, 0x01000193) ^ (a >>> 15);
  }
  const hex = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');
  return hex(a) + hex(b);
}

export function synthesizeUid(component: IcsComponent): string {
  return `synthesized-${hash64(contentText(component))}@icp-calendar`;
}
