// Module hooks for `npm run fuzz` (tsx): `azle` resolves to azle-node-stub.ts, so the fuzz
// command can read the endpoints' declarations (budgets) as the vitest tests do with vi.mock.
const STUB = new URL('./azle-node-stub.ts', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'azle') return next(STUB, context);
  return next(specifier, context);
}
