#!/usr/bin/env node
// The CLI is written in TypeScript; tsx's loader lets it run without a compile step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
