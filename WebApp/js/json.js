// JSON with exact numbers: a number whose text has more significant digits than a double keeps (15) is
// returned as that text, so money totals beyond 10^13 stay exact (money.js formats text and numbers alike).
// Uses JSON.parse's source-text access (Chromium ≥ 114); elsewhere numbers are plain numbers.

const LONG = /\d{16,}/;

function exactNumbers(key, value, context) {
  if (typeof value === 'number' && context && typeof context.source === 'string') {
    const digits = context.source.replace(/[-+.]|e.*$/gi, '').replace(/^0+/, '');
    if (LONG.test(digits)) return context.source;
  }
  return value;
}

/** Parses JSON text, keeping long numbers as their text. */
export function parseJSON(text) {
  return JSON.parse(text, exactNumbers);
}
