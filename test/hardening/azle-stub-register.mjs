import { register } from 'node:module';

register('./azle-stub-hooks.mjs', import.meta.url);
