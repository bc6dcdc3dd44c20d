// Where the knowledge base lives: --data DIR > NEWSGRAPH_DATA_DIR > ./.newsgraph.

import path from 'node:path';

export const DATA_DIR_ENV = 'NEWSGRAPH_DATA_DIR';
export const DEFAULT_DATA_DIR = '.newsgraph';
export const SQLITE_FILE = 'newsgraph.db';

/** The data folder, absolute: the --data option, else $NEWSGRAPH_DATA_DIR, else ./.newsgraph. */
export function resolveDataDir(option?: string | null, env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const chosen = option?.trim() || env[DATA_DIR_ENV]?.trim() || DEFAULT_DATA_DIR;
  return path.resolve(cwd, chosen);
}

/** The SQLite database file inside a data folder. */
export function sqlitePath(dataDir: string): string {
  return path.join(dataDir, SQLITE_FILE);
}

export const DATABASE_URL_ENV = 'NEWSGRAPH_DATABASE_URL';

/**
 * The PostgreSQL URL to use: the --database option, else $NEWSGRAPH_DATABASE_URL, else null
 * (the SQLite file in the data folder). Anything but postgres:// or postgresql:// is refused.
 */
export function resolveDatabaseUrl(option?: string | null, env: NodeJS.ProcessEnv = process.env): string | null {
  const chosen = option?.trim() || env[DATABASE_URL_ENV]?.trim() || null;
  if (chosen === null) return null;
  if (!/^postgres(?:ql)?:\/\//i.test(chosen)) {
    throw new Error(`The database URL must start with postgres:// or postgresql:// (SQLite needs no URL: it lives in the data folder, --data).`);
  }
  return chosen;
}
