#!/usr/bin/env node
// The installed command: runs the compiled CLI (npm install builds dist/ through "prepare").
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('newsgraph: the compiled CLI is missing (dist/). Run "npm install" (or "npm run build") in the project first.\n');
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv);
