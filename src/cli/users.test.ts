import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { test } from 'node:test';
import { Command } from 'commander';
import { sqlitePath } from '../store/paths.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import { registerUserCommands } from './users.js';

async function run(dataDir: string, args: string[], stdin: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  stdout.on('data', (d) => (out += d));
  const program = new Command().exitOverride();
  registerUserCommands(program, { stdin: Readable.from([stdin]), stdout, stderr });
  await program.parseAsync(['node', 'newsgraph', 'users', ...args, '--data', dataDir]);
  return out;
}

test('users add reads the password from stdin; the first user is admin; users list', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgraph-users-'));
  try {
    assert.match(await run(dir, ['add', 'ana'], 'correct horse battery\n'), /Added user ana \(admin\)/);
    assert.match(await run(dir, ['add', 'ben'], 'another long one\nignored'), /Added user ben\.\n/);
    await assert.rejects(run(dir, ['add', 'cy'], 'short\n'), /at least 8/);
    await assert.rejects(run(dir, ['add', 'ana'], 'correct horse battery\n'), /already a user/);
    assert.match(await run(dir, ['list'], ''), /1\tana\tadmin\t.*\n2\tben\t/);
    const store = await openSqliteStore(sqlitePath(dir));
    assert.equal((await store.verifyUser('ben', 'another long one'))?.name, 'ben');
    await store.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
