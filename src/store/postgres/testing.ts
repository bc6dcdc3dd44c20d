// A fresh PostgreSQL database for a test run: created on the server named by
// NEWSGRAPH_TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) and dropped at
// the end. An unreachable server fails the test with how to start one: never a mock, never a skip.

import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';

export const TEST_DATABASE_ENV = 'NEWSGRAPH_TEST_DATABASE_URL';
export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  /** The URL of the fresh database. */
  readonly url: string;
  readonly name: string;
  /** Drops the database (terminating connections left open). */
  drop(): Promise<void>;
}

export function testServerUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env[TEST_DATABASE_ENV]?.trim() || DEFAULT_TEST_DATABASE_URL;
}

/** The same server, another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = '/' + database;
  return u.toString();
}

/**
 * Starts this machine's PostgreSQL cluster (Debian's pg_ctlcluster) when the default local
 * server is down; true when a start was attempted.
 */
function startLocalCluster(): boolean {
  try {
    const versions = fs.readdirSync('/etc/postgresql').filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(a) - Number(b));
    const version = versions[versions.length - 1];
    if (!version) return false;
    execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

async function connectAdmin(server: string): Promise<pg.Client> {
  const admin = new pg.Client({ connectionString: server, connectionTimeoutMillis: 5000 });
  await admin.connect();
  return admin;
}

export async function createTestDatabase(prefix = 'newsgraph_test'): Promise<TestDatabase> {
  const server = testServerUrl();
  let admin: pg.Client;
  try {
    admin = await connectAdmin(server).catch(async (err: unknown) => {
      // the default local server may just be stopped: start it, then try once more
      if (process.env[TEST_DATABASE_ENV]?.trim() || !startLocalCluster()) throw err;
      return connectAdmin(server);
    });
  } catch (err) {
    throw new Error(
      `The PostgreSQL tests need a server and cannot reach ${server.replace(/:[^:@/]*@/, ':***@')}: ${(err as Error).message}.\n` +
        `Start the local one with "pg_ctlcluster 15 main start" (or "sudo pg_ctlcluster 15 main start"), ` +
        `or point ${TEST_DATABASE_ENV} at a server where this user may CREATE DATABASE.`,
    );
  }
  const name = `${prefix}_${Date.now().toString(36)}_${crypto.randomBytes(4).toString('hex')}`;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  let dropped = false;
  return {
    url: withDatabase(server, name),
    name,
    async drop() {
      if (dropped) return;
      dropped = true;
      const c = new pg.Client({ connectionString: server, connectionTimeoutMillis: 5000 });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
