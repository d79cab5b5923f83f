/** The compiled CLI's module URL, or undefined when the sources must run through tsx. */
export function compiledCli(root?: string): Promise<string | undefined>;
