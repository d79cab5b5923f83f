/**
 * The files `icp-calendar new <type>` writes: a canister.yaml with the standard plugins and a small
 * working domain (owner-keyed items with input limits and typed errors) to grow from.
 */
export interface TemplateInput {
  /** snake_case type name: the folder under canisters/ and the plugin name. */
  type: string;
  group: string | undefined;
  /** Import specifier of core's index from the canister folder. */
  coreImport: string;
}

const camel = (type: string) => type.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const pascal = (type: string) => camel(type).replace(/^[a-z]/, (c) => c.toUpperCase());

export function canisterYaml({ type, group }: TemplateInput): string {
  return [
    `# The ${type} canister. Plugins bring access control, limits, metrics, health and backup;`,
    `# service.ts holds the domain. Options of each plugin: plugins/<name>/README.md.`,
    `service: ./service.ts`,
    ...(group ? [`group: ${group}`] : []),
    `plugins:`,
    `  auth: {}`,
    `  limits:`,
    `    defaults: { maxArgBytes: 4096 }`,
    `  metrics: {}`,
    `  health: {}`,
    `  backup: {}`,
    ``,
  ].join('\n');
}

export function serviceTs({ type, coreImport }: TemplateInput): string {
  const name = pascal(type);
  return `import {
  allow,
  caller,
  CanisterError,
  definePlugin,
  IDL,
  inject,
  platform,
  query,
  Result,
  type StableStore,
  token,
  update,
} from '${coreImport}';

/** One item a user added; the key is \`<owner>/<time>\`, so each user's items stay together. */
export interface ${name}Item {
  owner: string;
  text: string;
  createdAt: bigint;
}

export const ${type.toUpperCase()}_ITEMS = token<StableStore<${name}Item>>('${type}/items');
export const MAX_TEXT_LENGTH = 500;

const ItemIdl = IDL.Record({ id: IDL.Text, text: IDL.Text, created_at: IDL.Nat64 });
const view = (id: string, item: ${name}Item) => ({ id, text: item.text, created_at: item.createdAt });

export class ${name}Endpoints {
  private readonly items = inject(${type.toUpperCase()}_ITEMS);

  /** Adds an item owned by the caller. */
  @update([IDL.Text], Result(ItemIdl))
  @allow('user')
  add_item(text: string) {
    const trimmed = text.trim();
    if (trimmed.length === 0 || trimmed.length > MAX_TEXT_LENGTH) {
      throw new CanisterError('INPUT_INVALID', \`text must hold 1 to \${MAX_TEXT_LENGTH} characters\`, {
        expected: \`1..\${MAX_TEXT_LENGTH} characters\`,
        found: \`\${trimmed.length} characters\`,
      });
    }
    const owner = caller().toText();
    const item = { owner, text: trimmed, createdAt: platform().time() };
    // Several calls can share one block time: never overwrite an item added in the same block.
    const base = \`\${owner}/\${String(item.createdAt).padStart(20, '0')}\`;
    let id = base;
    for (let n = 1; this.items.has(id); n += 1) id = \`\${base}-\${n}\`;
    this.items.set(id, item);
    return view(id, item);
  }

  /** The caller's items, oldest first. */
  @query([], IDL.Vec(ItemIdl))
  @allow('user')
  my_items() {
    const page = this.items.findBy('owner', caller().toText(), undefined, 100);
    return page.entries.map(([id, item]) => view(String(id), item));
  }

  /** Removes one of the caller's items. */
  @update([IDL.Text], Result(IDL.Null))
  @allow('user')
  remove_item(id: string) {
    const item = this.items.get(id);
    if (item === undefined || item.owner !== caller().toText()) {
      throw new CanisterError('NOT_FOUND', \`no item \${id} of yours\`);
    }
    this.items.delete(id);
    return null;
  }
}

/** The ${type} canister's domain: its store and endpoints, composed after the YAML plugins. */
export const ${camel(type)}Domain = definePlugin({
  name: '${type}',
  dependsOn: ['auth'],
  endpoints: [${name}Endpoints],
  setup(ctx) {
    ctx.provide(
      ${type.toUpperCase()}_ITEMS,
      ctx.store<${name}Item>({ name: 'items', indexes: { owner: (item) => item.owner } }),
    );
  },
});

export default [${camel(type)}Domain];
`;
}

export function readme({ type }: TemplateInput): string {
  return `# ${type} canister (\`canisters/${type}/\`)

Scaffolded by \`icp-calendar new ${type}\`: replace the example domain with yours.

\`canister.yaml\` turns on \`auth\`, \`limits\`, \`metrics\`, \`health\` and \`backup\`;
\`service.ts\` declares the \`${type}/items\` store and its endpoints.

| Method              | Kind   | Who       | Does                                              |
| ------------------- | ------ | --------- | ------------------------------------------------- |
| \`add_item(text)\`    | update | signed in | adds an item (1–500 characters) owned by the caller |
| \`my_items()\`        | query  | signed in | the caller's items, oldest first (at most 100)      |
| \`remove_item(id)\`   | update | owner     | removes one of the caller's items                   |

Errors: \`INPUT_INVALID\` (text empty or too long), \`NOT_FOUND\` (no such item of yours), plus the
plugins' codes.

Build: \`npx icp-calendar build ${type}\`.
`;
}
