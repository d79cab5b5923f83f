import type { IDL } from '@dfinity/candid';

/** A method as the endpoint decorators registered it with Azle. */
export interface RegisteredMethod {
  name: string;
  mode: 'query' | 'update';
  params: IDL.Type[];
  result: IDL.Type | undefined;
}

/**
 * The interface as the guides print it: `type` lines for the named types (each may use the
 * names before it), then one `service` line per method.
 */
export function printService(
  methods: RegisteredMethod[],
  named: [name: string, type: IDL.Type][],
): string {
  const substitutions: [text: string, name: string][] = [];
  const nameTypes = (text: string) =>
    substitutions.reduce((done, [shape, name]) => done.split(shape).join(name), text);
  const types = named.map(([name, type]) => {
    const shape = nameTypes(type.display());
    substitutions.push([shape, name]);
    return `type ${name} = ${shape};`;
  });
  const lines = methods.map(({ name, mode, params, result }) => {
    const args = params.map((type) => nameTypes(type.display())).join(', ');
    const returns = result === undefined ? '' : nameTypes(result.display());
    return `  ${name} : (${args}) -> (${returns})${mode === 'query' ? ' query' : ''};`;
  });
  return `${types.join('\n')}\nservice : {\n${lines.join('\n')}\n}\n`;
}
