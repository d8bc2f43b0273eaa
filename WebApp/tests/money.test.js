import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toCents, formatMoney, formatSignedMoney, percentChange, formatCount, plainDecimal, formatCompact } from '../js/money.js';

test('decimal text and numbers become exact cents', () => {
  assert.equal(toCents('663544251.52'), 66354425152n);
  assert.equal(toCents(663544251.52), 66354425152n);
  assert.equal(toCents('-0.05'), -5n);
  assert.equal(toCents(12), 1200n);
  assert.equal(toCents('12.5'), 1250n);
  assert.equal(toCents('123456789012345678.91'), 12345678901234567891n); // beyond a double
  assert.equal(toCents('abc'), null);
  assert.equal(toCents(null), null);
});

test('money is formatted with thousands separators, exactly', () => {
  assert.equal(formatMoney('1234567.8', 'IDR'), 'IDR 1,234,567.80');
  assert.equal(formatMoney('-1000', 'IDR'), 'IDR -1,000.00');
  assert.equal(formatMoney('123456789012345678.91', 'GBP'), 'GBP 123,456,789,012,345,678.91');
  assert.equal(formatMoney(null, 'IDR'), '—');
  assert.equal(formatSignedMoney('-5', 'IDR'), '-IDR 5.00');
  assert.equal(formatSignedMoney('321633394.34', 'IDR'), '+IDR 321,633,394.34');
  assert.equal(plainDecimal('-1234.5'), '-1234.50');
  assert.equal(plainDecimal(2900000), '2900000.00');
});

test('percent changes are rounded half away from zero to one decimal', () => {
  assert.equal(percentChange('150', '100'), '+50.0 %');
  assert.equal(percentChange('100', '150'), '-33.3 %');
  assert.equal(percentChange('1', '3'), '-66.7 %');
  assert.equal(percentChange('5', '0'), null);
  assert.equal(percentChange('-50', '-100'), '+50.0 %');
  assert.equal(percentChange('20001', '10'), '+199,910.0 %');
});

test('counts and compact amounts', () => {
  assert.equal(formatCount(1234567), '1,234,567');
  assert.equal(formatCount('-1000'), '-1,000');
  assert.equal(formatCompact(1234567), '1.2m');
  assert.equal(formatCompact(-2500000000), '-2.5bn');
  assert.equal(formatCompact(999), '999');
});
