/** Content lines → BEGIN/END component tree, collecting every structural problem with its line. */
import { parseContentLine, unfoldLines, type ContentLine } from './content-lines.ts';
import type { ImportWarning } from './import-warnings.ts';

export interface IcsComponent {
  name: string;
  /** line of BEGIN */
  line: number;
  properties: ContentLine[];
  children: IcsComponent[];
  /** false when END was missing or mismatched (its content is not trusted) */
  complete: boolean;
}

export interface StructureProblem {
  line: number;
  message: string;
}

export interface ParsedIcs {
  calendars: IcsComponent[];
  problems: StructureProblem[];
}

export function parseComponentTree(
  input: string | Uint8Array,
  warnings?: ImportWarning[],
): ParsedIcs {
  const problems: StructureProblem[] = [];
  const calendars: IcsComponent[] = [];
  const stack: IcsComponent[] = [];
  for (const logical of unfoldLines(input, warnings)) {
    const parsed = parseContentLine(logical);
    if ('error' in parsed) {
      problems.push({ line: parsed.line, message: parsed.error });
      continue;
    }
    if (parsed.name === 'BEGIN') {
      const component: IcsComponent = {
        name: parsed.value.trim().toUpperCase(),
        line: parsed.line,
        properties: [],
        children: [],
        complete: true,
      };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(component);
      else if (component.name === 'VCALENDAR') calendars.push(component);
      else problems.push({ line: parsed.line, message: `${component.name} outside a VCALENDAR` });
      stack.push(component);
      continue;
    }
    if (parsed.name === 'END') {
      const name = parsed.value.trim().toUpperCase();
      const index = stack.map((c) => c.name).lastIndexOf(name);
      if (index < 0) {
        problems.push({ line: parsed.line, message: `END:${name} without a matching BEGIN` });
        continue;
      }
      for (const unclosed of stack.splice(index + 1)) {
        unclosed.complete = false;
        problems.push({
          line: unclosed.line,
          message: `BEGIN:${unclosed.name} is not closed before END:${name}`,
        });
      }
      stack.pop();
      continue;
    }
    const current = stack[stack.length - 1];
    if (current) current.properties.push(parsed);
    else
      problems.push({ line: parsed.line, message: `property ${parsed.name} outside a VCALENDAR` });
  }
  for (const unclosed of stack) {
    unclosed.complete = false;
    problems.push({ line: unclosed.line, message: `BEGIN:${unclosed.name} is never closed` });
  }
  if (calendars.length === 0 && problems.length === 0)
    problems.push({ line: 1, message: 'no VCALENDAR found' });
  return { calendars, problems };
}

export function propertiesNamed(component: IcsComponent, name: string): ContentLine[] {
  return component.properties.filter((p) => p.name === name);
}

export function firstProperty(component: IcsComponent, name: string): ContentLine | undefined {
  return component.properties.find((p) => p.name === name);
}
