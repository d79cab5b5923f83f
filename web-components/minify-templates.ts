import { readFile } from 'node:fs/promises';

import type { Plugin } from 'esbuild';
import ts from 'typescript';

/**
 * The static text of Lit's `css` and `html` templates with the indentation the source needs and the
 * browser does not: esbuild minifies code but leaves template text as written. CSS loses comments, the
 * spaces around `{ } ; , >` and after `:`, and the `;` that ends a block; HTML keeps one space wherever a line break was (a line break between
 * tags is a whitespace text node either way, and no template text sits in a `pre` or `textarea`).
 */
export function minifyTemplates(source: string, fileName = 'input.ts'): string {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isTaggedTemplateExpression(node) &&
      ts.isIdentifier(node.tag) &&
      (node.tag.text === 'css' || node.tag.text === 'html')
    ) {
      const tag = node.tag.text;
      const template = node.template;
      const parts = ts.isNoSubstitutionTemplateLiteral(template)
        ? [template]
        : [template.head, ...template.templateSpans.map((span) => span.literal)];
      for (const part of parts) {
        // `…${ and }…${ end in two characters of syntax, }…` and `…` in one.
        const opensSubstitution = ts.isTemplateHead(part) || ts.isTemplateMiddle(part);
        const start = part.getStart(file) + 1;
        const end = part.getEnd() - (opensSubstitution ? 2 : 1);
        const text = source.slice(start, end);
        edits.push({ start, end, text: tag === 'css' ? squeezeCss(text) : squeezeHtml(text) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let output = source;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    output = output.slice(0, edit.start) + edit.text + output.slice(edit.end);
  }
  return output;
}

function squeezeCss(text: string): string {
  return (
    text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/ ?([{};,>]) ?/g, '$1')
      // After a colon a space never matters (before one it can: `a :hover` is not `a:hover`).
      .replace(/: /g, ':')
      .replace(/;}/g, '}')
  );
}

function squeezeHtml(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

/** The esbuild plugin the widget's build and the benchmark use on `web-components/` sources. */
export function minifyTemplatesPlugin(): Plugin {
  return {
    name: 'minify-lit-templates',
    setup(build) {
      build.onLoad({ filter: /[\\/]web-components[\\/].*\.ts$/ }, async ({ path }) => {
        const source = await readFile(path, 'utf8');
        const hasTemplates = /\b(css|html)`/.test(source);
        return { contents: hasTemplates ? minifyTemplates(source, path) : source, loader: 'ts' };
      });
    },
  };
}
