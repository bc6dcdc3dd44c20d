import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { resolveDataDir, sqlitePath } from './paths.js';

test('data dir: --data beats the environment, which beats ./.newsgraph', () => {
  const env = { NEWSGRAPH_DATA_DIR: '/env/dir' };
  assert.equal(resolveDataDir('/opt/kb', env, '/cwd'), '/opt/kb');
  assert.equal(resolveDataDir('rel', env, '/cwd'), '/cwd/rel');
  assert.equal(resolveDataDir(undefined, env, '/cwd'), '/env/dir');
  assert.equal(resolveDataDir('', { NEWSGRAPH_DATA_DIR: '  ' }, '/cwd'), '/cwd/.newsgraph');
  assert.equal(resolveDataDir(null, {}, '/cwd'), '/cwd/.newsgraph');
  assert.equal(sqlitePath('/opt/kb'), path.join('/opt/kb', 'newsgraph.db'));
});

test('database URL: --database beats the environment; only postgres URLs', async () => {
  const { resolveDatabaseUrl } = await import('./paths.js');
  const env = { NEWSGRAPH_DATABASE_URL: 'postgres://env/db' };
  assert.equal(resolveDatabaseUrl('postgresql://opt/db', env), 'postgresql://opt/db');
  assert.equal(resolveDatabaseUrl(undefined, env), 'postgres://env/db');
  assert.equal(resolveDatabaseUrl(' ', {}), null);
  assert.throws(() => resolveDatabaseUrl('mysql://x', {}), /postgres:\/\//);
});
