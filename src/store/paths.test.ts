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
