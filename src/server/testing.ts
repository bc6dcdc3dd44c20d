// Test support: a real SQLite store in a temporary data directory, removed on close.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sqlitePath } from '../store/paths.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/store.js';

export async function openTempStore(): Promise<{ store: Store; dataDir: string; close: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgraph-server-'));
  const store = await openSqliteStore(sqlitePath(dataDir));
  return {
    store,
    dataDir,
    async close() {
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
