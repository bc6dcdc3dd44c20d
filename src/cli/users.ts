// `newsgraph users add NAME` / `newsgraph users list`: accounts for the web pages. The password
// is prompted for (hidden) on a terminal, else read from the first line of standard input.
// The first user created is an admin.

import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { NewsgraphError } from '../doc/errors.js';
import { MIN_PASSWORD_LENGTH, type User } from '../store/accounts.js';
import { resolveDataDir, sqlitePath } from '../store/paths.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/store.js';

export interface UserIo {
  readonly stdin: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  readonly stderr: Writable;
  readonly stdout: Writable;
}

const DEFAULT_IO: UserIo = { stdin: process.stdin, stderr: process.stderr, stdout: process.stdout };

/** The first line of a non-terminal stdin (without its line break). */
async function readLine(stdin: Readable): Promise<string> {
  let data = '';
  for await (const chunk of stdin) {
    data += chunk.toString();
    const nl = data.indexOf('\n');
    if (nl >= 0) return data.slice(0, nl).replace(/\r$/, '');
    if (data.length > 10_000) break;
  }
  return data.replace(/\r?\n$/, '');
}

/** Asks on the terminal without echoing what is typed. */
async function askHidden(io: UserIo, question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = readline.createInterface({ input: io.stdin, output: io.stderr, terminal: true });
    const rlAny = rl as unknown as { _writeToOutput?: (s: string) => void };
    io.stderr.write(question);
    rlAny._writeToOutput = () => {};
    rl.question('', (answer) => {
      io.stderr.write('\n');
      rl.close();
      resolve(answer);
    });
    rl.on('SIGINT', () => {
      rl.close();
      reject(new NewsgraphError('CANCELLED', 'Cancelled: no user was added.'));
    });
  });
}

export async function readPassword(io: UserIo = DEFAULT_IO): Promise<string> {
  if (io.stdin.isTTY) {
    const first = await askHidden(io, 'Password: ');
    const again = await askHidden(io, 'Again: ');
    if (first !== again) throw new NewsgraphError('PASSWORD_MISMATCH', 'The two passwords differ: no user was added.');
    return first;
  }
  return readLine(io.stdin);
}

export async function addUser(store: Store, name: string, password: string): Promise<User> {
  if (password.length < MIN_PASSWORD_LENGTH) throw new NewsgraphError('WEAK_PASSWORD', `The password needs at least ${MIN_PASSWORD_LENGTH} characters: no user was added.`);
  return store.createUser(name, password);
}

export function registerUserCommands(program: Command, io: UserIo = DEFAULT_IO): Command {
  const users = program.command('users').description('Accounts for the web pages (sign in to ingest, leave notes and review quotes).');
  users
    .command('add')
    .description(`Add a user; the password is prompted for, or read from the first line of standard input (at least ${MIN_PASSWORD_LENGTH} characters). The first user is an admin.`)
    .argument('<name>', 'user name: letters, digits, ".", "_" or "-"')
    .option('--data <dir>', 'data directory (default: $NEWSGRAPH_DATA_DIR, else ./.newsgraph)')
    .action(async (name: string, opts) => {
      const password = await readPassword(io);
      const store = await openSqliteStore(sqlitePath(resolveDataDir(opts.data as string | undefined)));
      try {
        const user = await addUser(store, name, password);
        io.stdout.write(`Added user ${user.name}${user.isAdmin ? ' (admin)' : ''}.\n`);
      } finally {
        await store.close();
      }
    });
  users
    .command('list')
    .description('List the users.')
    .option('--data <dir>', 'data directory (default: $NEWSGRAPH_DATA_DIR, else ./.newsgraph)')
    .action(async (opts) => {
      const store = await openSqliteStore(sqlitePath(resolveDataDir(opts.data as string | undefined)));
      try {
        const list = await store.listUsers();
        io.stdout.write(list.length ? list.map((u) => `${u.id}\t${u.name}${u.isAdmin ? '\tadmin' : ''}\t${u.createdAt}`).join('\n') + '\n' : 'No users yet: add one with "newsgraph users add NAME".\n');
      } finally {
        await store.close();
      }
    });
  return users;
}
