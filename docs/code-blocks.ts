/** One fenced code block of a Markdown guide: its language, its `title="…"` and its text. */
export interface CodeBlock {
  lang: string;
  title?: string;
  code: string;
  /** 1-based line of the opening fence, for messages. */
  line: number;
}

const FENCE = /^```(\w+)?(?:\s+title="([^"]+)")?\s*$/;

/** Every fenced block of `markdown`, in order. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const open = FENCE.exec(lines[index]!);
    if (open === null || open[1] === undefined) continue;
    const start = index;
    const body: string[] = [];
    for (index++; index < lines.length && !lines[index]!.startsWith('```'); index++) {
      body.push(lines[index]!);
    }
    blocks.push({ lang: open[1], title: open[2], code: `${body.join('\n')}\n`, line: start + 1 });
  }
  return blocks;
}
