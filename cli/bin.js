#!/usr/bin/env node
// The CLI is written in TypeScript. It runs compiled into one module (compiled-cli.js); where
// that cannot be written, tsx's loader runs the sources (also with ICP_CALENDAR_SOURCES=1).
import { compiledCli } from './compiled-cli.js';

const compiled = await compiledCli();
let main;
if (compiled) {
  process.setSourceMapsEnabled(true);
  ({ main } = await import(compiled));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('./main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
