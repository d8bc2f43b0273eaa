import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRoute, routeHash, sectionOf } from '../js/router.js';

test('hashes parse into routes with parameters and query', () => {
  assert.deepEqual(parseRoute(''), { name: 'overview', params: {}, query: {} });
  assert.deepEqual(parseRoute('#/findings/42?tab=lines'), { name: 'finding', params: { id: '42' }, query: { tab: 'lines' } });
  assert.deepEqual(parseRoute('#/findings?severity=high&status=open').query, { severity: 'high', status: 'open' });
  assert.equal(parseRoute('#/chat/7').name, 'room');
  assert.equal(parseRoute('#/findings/abc').name, 'notfound');
  assert.equal(parseRoute('#/explore?directorate=Directorate%20of%20Finance').query.directorate, 'Directorate of Finance');
});

test('routes format back into hashes, without empty values', () => {
  assert.equal(routeHash('finding', { id: 42 }), '#/findings/42');
  assert.equal(routeHash('findings', {}, { severity: 'high', kind: '' }), '#/findings?severity=high');
  const hash = routeHash('explore', {}, { from: '2024-03', to: '2024-04', directorate: 'A & B' });
  assert.deepEqual(parseRoute(hash).query, { from: '2024-03', to: '2024-04', directorate: 'A & B' });
  assert.equal(sectionOf('room'), 'chat');
  assert.throws(() => routeHash('nope'));
});
