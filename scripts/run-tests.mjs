#!/usr/bin/env node
// Runs every *.test.ts beside the code and under test/ with node's test runner through tsx.
// Node 20's runner finds no .ts files from a glob, so the files are listed here.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['src', 'test'];
const files = [];
const walk = (dir) => {
  if (!fs.existsSync(dir)) return;
  const stat = fs.statSync(dir);
  if (stat.isFile()) { if (dir.endsWith('.test.ts')) files.push(dir); return; }
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'fixtures') continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p);
    else if (entry.name.endsWith('.test.ts')) files.push(p);
  }
};
roots.forEach(walk);
files.sort();
if (files.length === 0) {
  console.error('run-tests: no *.test.ts files found under ' + roots.join(', '));
  process.exit(1);
}
// a test that hangs fails by name after this long instead of stalling the whole run (a failing
// assertion's message generation has been seen to hang under tsx); NEWSGRAPH_TEST_TIMEOUT_MS overrides
const TEST_TIMEOUT_MS = Number(process.env.NEWSGRAPH_TEST_TIMEOUT_MS ?? 600_000);
const res = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-timeout=${TEST_TIMEOUT_MS}`, '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(res.status ?? 1);
