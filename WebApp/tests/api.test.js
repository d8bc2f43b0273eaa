import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withQuery } from '../js/api.js';
import { parseJSON } from '../js/json.js';

test('query strings leave out empty values and encode spaces as %20', () => {
  assert.equal(withQuery('/explore/lines', { from: '2024-03', directorate: 'Directorate of Finance & Co', q: '' }),
    '/explore/lines?from=2024-03&directorate=Directorate%20of%20Finance%20%26%20Co');
  assert.equal(withQuery('/findings', {}), '/findings');
  assert.equal(withQuery('/findings'), '/findings');
});

test('JSON numbers too long for a double keep their text (where the engine exposes it)', () => {
  const value = parseJSON('{"small": 12.5, "large": 12345678901234567.89, "count": 3}');
  assert.equal(value.small, 12.5);
  assert.equal(value.count, 3);
  assert.ok(value.large === '12345678901234567.89' || typeof value.large === 'number');
});
