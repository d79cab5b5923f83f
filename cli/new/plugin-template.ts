/**
 * The files `icp-calendar new plugin <name>` writes: a manifest, an options schema, the plugin
 * (a guard, an interceptor, a stable store, a health check and one endpoint) and a README.
 */
export interface PluginTemplateInput {
  /** snake_case plugin name: its manifest name and the key canisters use. */
  name: string;
  /** Import specifier of the framework's core from the plugin folder. */
  coreImport: string;
  /** npm package name when the plugin is published as a package of its own. */
  packageName?: string;
  /** The framework dependency a package plugin declares (a peer dependency). */
  frameworkRange?: string;
}

const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

export function pluginFiles(input: PluginTemplateInput): Record<string, string> {
  const files: Record<string, string> = {
    'manifest.json': `${JSON.stringify(
      {
        name: input.name,
        description: `Counts the calls each caller makes and can refuse callers over a daily quota.`,
        dependsOn: ['auth'],
      },
      null,
      2,
    )}\n`,
    'options.schema.json': `${JSON.stringify(OPTIONS_SCHEMA, null, 2)}\n`,
    'plugin.ts': pluginTs(input),
    'index.ts': `import { ${camel(input.name)}Plugin } from './plugin.ts';\n\nexport type { ${pascal(input.name)}Options } from './plugin.ts';\nexport default ${camel(input.name)}Plugin;\n`,
    'README.md': readme(input),
  };
  if (input.packageName !== undefined) files['package.json'] = packageJson(input);
  return files;
}

const pascal = (name: string) => camel(name).replace(/^[a-z]/, (c) => c.toUpperCase());

const OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    dailyQuota: {
      type: 'integer',
      minimum: 1,
      description: 'Update calls one caller may make per UTC day; none when absent.',
    },
  },
};

function pluginTs({ name, coreImport }: PluginTemplateInput): string {
  const type = pascal(name);
  return `import {
  allow,
  CanisterError,
  definePlugin,
  IDL,
  inject,
  platform,
  query,
  token,
  type StableStore,
} from '${coreImport}';

export interface ${type}Options {
  /** Update calls one caller may make per UTC day; none when absent. */
  dailyQuota?: number;
}

const DAY_NS = 86_400_000_000_000n;

/** Calls per caller and UTC day, keyed \`<day>/<principal>\`. */
export const ${name.toUpperCase()}_COUNTS = token<StableStore<number>>('${name}/counts');

export class ${type}Endpoints {
  private readonly counts = inject(${name.toUpperCase()}_COUNTS);

  /** How many update calls a principal made today (0 when none). */
  @query([IDL.Principal], IDL.Nat32)
  @allow('admin')
  ${name}_calls_today(principal: { toText(): string }) {
    return this.counts.get(\`\${today()}/\${principal.toText()}\`) ?? 0;
  }
}

const today = () => String(platform().time() / DAY_NS);

export const ${camel(name)}Plugin = definePlugin<${type}Options>({
  name: '${name}',
  dependsOn: ['auth'],
  endpoints: [${type}Endpoints],
  setup(ctx) {
    const counts = ctx.store<number>({ name: 'counts' });
    ctx.provide(${name.toUpperCase()}_COUNTS, counts);
    const quota = ctx.options.dailyQuota;
    // Guards are synchronous and run before the handler: a refusal costs the caller little.
    ctx.guard((call) => {
      if (call.mode !== 'update' || quota === undefined) return undefined;
      const used = counts.get(\`\${today()}/\${call.caller.toText()}\`) ?? 0;
      if (used < quota) return undefined;
      return new CanisterError('${name.toUpperCase()}_QUOTA', \`at most \${quota} updates a day; \${used} made today\`);
    });
    // Queries never commit, so only updates are counted.
    ctx.intercept({
      after(call, outcome) {
        if (call.mode !== 'update' || !outcome.ok) return;
        const key = \`\${today()}/\${call.caller.toText()}\`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      },
    });
    ctx.healthCheck('${name}-store', () => ({ healthy: true, detail: \`\${counts.size()} counters\` }));
  },
});
`;
}

function packageJson({ packageName, frameworkRange = '*' }: PluginTemplateInput): string {
  const manifest = {
    name: packageName,
    version: '0.1.0',
    description: 'An icp-calendar plugin.',
    type: 'module',
    exports: { '.': './index.ts', './package.json': './package.json' },
    files: ['index.ts', 'plugin.ts', 'manifest.json', 'options.schema.json', 'README.md'],
    keywords: ['icp-calendar-plugin'],
    peerDependencies: { 'icp-calendar': frameworkRange },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function readme({ name, packageName }: PluginTemplateInput): string {
  const key = packageName ? `"${packageName}"` : name;
  return `# ${name}

Counts the update calls each caller makes per UTC day and, with \`dailyQuota\`, refuses callers
over it with the typed error \`${name.toUpperCase()}_QUOTA\`.

Turn it on in a canister.yaml:

\`\`\`yaml
plugins:
  auth: {}
  ${key}: { dailyQuota: 100 }
\`\`\`

| option       | meaning                                                        |
| ------------ | -------------------------------------------------------------- |
| \`dailyQuota\` | update calls one caller may make per UTC day; none when absent |

Hooks: a guard (refuses over quota), an \`after\` interceptor (counts successful updates), a stable
store \`${name}/counts\` and the health check \`${name}-store\`.

Endpoint: \`${name}_calls_today(principal) -> nat32\` (query, admins).

Errors: \`${name.toUpperCase()}_QUOTA\`.
`;
}
