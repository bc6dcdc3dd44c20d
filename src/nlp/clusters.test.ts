import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { clustersFromBuffer, loadClusters, ClustersMissingError } from './clusters.js';

test('a cluster file is read into fine/mid/coarse ids, words matched lowercased with straight apostrophes', () => {
  const file = gzipSync('newsgraph-clusters 1 fine=2 mid=2 coarse=1 words=4 source=test\n1 0\tsaid told\n0 0\tparis o\'brien\n');
  const c = clustersFromBuffer(file);
  assert.deepEqual(c.size, { fine: 2, mid: 2, coarse: 1, words: 4 });
  assert.deepEqual(c.lookup('Said'), { fine: 0, mid: 1, coarse: 0 });
  assert.deepEqual(c.lookup('PARIS'), { fine: 1, mid: 0, coarse: 0 });
  assert.deepEqual(c.lookup('O’Brien'), { fine: 1, mid: 0, coarse: 0 });
  assert.equal(c.lookup('unheard'), null);
  assert.throws(() => clustersFromBuffer(gzipSync('something else\n')), /bad header/);
});

test('the committed clusters put words of one kind together and apart from others', () => {
  const c = loadClusters();
  assert.equal(c.size.fine, 1024);
  const fine = (w: string) => c.lookup(w)?.fine;
  // a human check of the built file: reporting-verb criticism, capitals and food words form groups
  assert.equal(fine('criticized'), fine('condemned'));
  assert.equal(fine('berlin'), fine('vienna'));
  assert.notEqual(fine('criticized'), fine('berlin'));
  assert.ok(c.lookup('chastised'), 'rarer words are in the table too');
});

test('a missing cluster file says how to build it', () => {
  assert.throws(() => loadClusters('/nonexistent/clusters.txt.gz'), (e: unknown) => e instanceof ClustersMissingError && /npm run train:clusters/.test(e.message));
});
