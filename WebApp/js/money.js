// Exact money: amounts arrive from the API as JSON numbers whose text is an exact decimal (or, when longer
// than a double holds, as that text itself, see api.js). They are turned into BigInt minor units (cents) and
// formatted from those, so a displayed amount is never rounded through a float.

/** Minor units (BigInt, scale 2) of a decimal given as text or number; null when it is not a decimal. */
export function toCents(value) {
  if (value === null || value === undefined || value === '') return null;
  let text = typeof value === 'number' ? numberText(value) : String(value).trim();
  const match = /^([+-])?(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  let cents = BigInt(whole) * 100n + BigInt((fraction + '00').slice(0, 2));
  // a third decimal rounds half away from zero (the API sends at most two)
  if (fraction.length > 2 && Number(fraction[2]) >= 5) cents += 1n;
  return sign === '-' ? -cents : cents;
}

function numberText(number) {
  if (!Number.isFinite(number)) return '';
  const text = String(number);
  return /e/i.test(text) ? number.toFixed(2) : text;
}

/** `1234567` → `1,234,567` (a BigInt, number or digit string). */
export function groupDigits(digits) {
  return String(digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Cents as `-1,234.50` (always two decimals). */
export function formatCents(cents) {
  const negative = cents < 0n;
  const magnitude = negative ? -cents : cents;
  const text = `${groupDigits(magnitude / 100n)}.${String(magnitude % 100n).padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/** An amount in the ledger's currency: `IDR 1,234,567.89`; `—` when there is none. */
export function formatMoney(value, currency = '') {
  const cents = typeof value === 'bigint' ? value : toCents(value);
  if (cents === null) return '—';
  return currency ? `${currency} ${formatCents(cents)}` : formatCents(cents);
}

/** A change with its sign: `+IDR 1,000.00`, `-IDR 5.00`. */
export function formatSignedMoney(value, currency = '') {
  const cents = typeof value === 'bigint' ? value : toCents(value);
  if (cents === null) return '—';
  const text = formatMoney(cents < 0n ? -cents : cents, currency);
  return (cents < 0n ? '-' : cents > 0n ? '+' : '') + text;
}

/** A short amount for axes and tiles: `1.2bn`, `345.6m`, `12.3k`. */
export function formatCompact(value) {
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number)) return '—';
  const magnitude = Math.abs(number);
  const units = [[1e12, 'tn'], [1e9, 'bn'], [1e6, 'm'], [1e3, 'k']];
  for (const [size, unit] of units) {
    if (magnitude >= size) return `${(number / size).toFixed(1)}${unit}`;
  }
  return number.toFixed(0);
}

/** The change from `previous` to `current` in percent, to one decimal, exact: `+12.3 %`; null when previous is 0. */
export function percentChange(current, previous) {
  const now = typeof current === 'bigint' ? current : toCents(current);
  const before = typeof previous === 'bigint' ? previous : toCents(previous);
  if (now === null || before === null || before === 0n) return null;
  const base = before < 0n ? -before : before;
  const tenths = roundDivide((now - before) * 1000n, base);
  const sign = tenths > 0n ? '+' : tenths < 0n ? '-' : '';
  const magnitude = tenths < 0n ? -tenths : tenths;
  return `${sign}${groupDigits(magnitude / 10n)}.${magnitude % 10n} %`;
}

function roundDivide(numerator, denominator) {
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const quotient = (magnitude * 2n + denominator) / (denominator * 2n);
  return negative ? -quotient : quotient;
}

/** A whole number with thousands separators. */
export function formatCount(value) {
  if (value === null || value === undefined || value === '') return '—';
  const text = String(value);
  return /^-?\d+$/.test(text) ? (text.startsWith('-') ? '-' + groupDigits(text.slice(1)) : groupDigits(text)) : text;
}

/** An amount as plain exact decimal text without separators (`-1234.50`), for files; '' when there is none. */
export function plainDecimal(value) {
  const cents = typeof value === 'bigint' ? value : toCents(value);
  if (cents === null) return '';
  const magnitude = cents < 0n ? -cents : cents;
  return `${cents < 0n ? '-' : ''}${magnitude / 100n}.${String(magnitude % 100n).padStart(2, '0')}`;
}
