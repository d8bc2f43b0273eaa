import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvField, toCSV, parseCSV, objectsToCSV } from '../js/csv.js';

test('fields are quoted only when needed, quotes doubled', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField(null), '');
  assert.equal(csvField(42), '42');
});

test('formula-looking text is defused, numbers are not', () => {
  assert.equal(csvField('=SUM(A1:A9)'), "'=SUM(A1:A9)");
  assert.equal(csvField('+44 20 7946'), "'+44 20 7946");
  assert.equal(csvField('@cmd'), "'@cmd");
  assert.equal(csvField('-2+3'), "'-2+3");
  assert.equal(csvField('\t=1'), "'\t=1");
  assert.equal(csvField('-1234.50'), '-1234.50');
  assert.equal(csvField('+12'), '+12');
  assert.equal(csvField('=a,b'), `"'=a,b"`);
});

test('documents use CRLF and parse back to the same records', () => {
  const rows = [['1', 'PT "Maju", Tbk', '-5.00'], ['2', 'line\r\nbreak', '=HYPERLINK("x")']];
  const text = toCSV(['id', 'supplier', 'amount'], rows);
  assert.ok(text.endsWith('\r\n'));
  assert.equal(text.split('\r\n')[0], 'id,supplier,amount');
  const parsed = parseCSV(text);
  assert.deepEqual(parsed[0], ['id', 'supplier', 'amount']);
  assert.deepEqual(parsed[1], ['1', 'PT "Maju", Tbk', '-5.00']);
  assert.deepEqual(parsed[2], ['2', 'line\r\nbreak', `'=HYPERLINK("x")`]);
  assert.equal(objectsToCSV([['a', 'A'], ['b', 'B']], [{ a: 1, b: 'x' }]), 'A,B\r\n1,x\r\n');
});
