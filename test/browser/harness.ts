// Browser test support: a server (API + pages) on a random loopback port over a temporary
// data directory, and Debian's chromium driven by playwright-core with a fresh profile.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { hashToken } from '../../src/server/auth.js';
import { createWebApp } from '../../src/server/pages/index.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { sqlitePath } from '../../src/store/paths.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/store.js';

export const CHROMIUM = process.env.NEWSGRAPH_CHROMIUM ?? '/usr/bin/chromium';
export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SCREENSHOTS = path.join(ROOT, 'test-output', 'screenshots');

export interface TestServer {
  readonly url: string;
  readonly store: Store;
  readonly dataDir: string;
  readonly logged: string[];
  close(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgraph-browser-'));
  const store = await openSqliteStore(sqlitePath(dataDir));
  const logged: string[] = [];
  const config = { tokenHash: hashToken('browser-test-token-0123456789'), log: (m: string) => logged.push(m) };
  let running: RunningServer;
  try {
    running = await startServer({ store, config, host: '127.0.0.1', port: 0, app: createWebApp({ store, config }) });
  } catch (e) {
    await store.close();
    throw e;
  }
  return {
    url: running.url,
    store,
    dataDir,
    logged,
    async close() {
      await running.close(1000);
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Chromium with a fresh temporary profile; fails (never skips) when it is not installed. */
export async function launchBrowser(): Promise<{ browser: Browser; context: BrowserContext; close: () => Promise<void> }> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the browser tests need Debian's chromium. Install it with "apt-get install -y chromium" (as root), then run the tests again.`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgraph-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
  return {
    browser: context.browser()!,
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
