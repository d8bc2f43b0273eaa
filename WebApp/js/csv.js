// CSV (RFC 4180): fields separated by commas, records by CRLF, a field quoted when it holds a comma, a quote,
// CR or LF, quotes doubled. Text that a spreadsheet would run as a formula (starting with = + - @, tab or CR)
// is prefixed with an apostrophe; numbers (including negative amounts) are left as they are.

const NUMBER = /^[+-]?\d+(\.\d+)?$/;
const FORMULA = /^[=+\-@\t\r]/;

/** One field's text. */
export function csvField(value) {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && FORMULA.test(text) && !NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole document: a header record, then one record per row (each row an array in header order). */
export function toCSV(header, rows) {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Parses CSV text back into records (for tests and for reading what was exported). */
export function parseCSV(text) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') { field += '"'; index += 1; }
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') { record.push(field); field = ''; }
    else if (char === '\r' && text[index + 1] === '\n') { record.push(field); records.push(record); record = []; field = ''; index += 1; }
    else field += char;
  }
  if (field !== '' || record.length) { record.push(field); records.push(record); }
  return records;
}

/** The evidence lines of a finding as CSV (the columns the finding's detail shows). */
export const EVIDENCE_COLUMNS = [
  ['finding_id', 'finding'], ['file_name', 'file'], ['batch_id', 'batch'], ['line', 'line'], ['posting_date', 'posting date'],
  ['period', 'period'], ['directorate', 'directorate'], ['cost_center', 'cost centre'], ['gl_account', 'GL account'],
  ['supplier', 'supplier'], ['reference', 'reference'], ['text', 'text'], ['amount', 'amount'], ['currency', 'currency'],
];

/** The findings list as CSV. */
export const FINDING_COLUMNS = [
  ['id', 'id'], ['severity', 'severity'], ['kind', 'kind'], ['period', 'period'], ['dimension_path', 'dimension'],
  ['actual', 'actual'], ['expected', 'expected'], ['delta', 'delta'], ['currency', 'currency'], ['review_status', 'review status'],
  ['explanation', 'explanation'], ['evidence_lines', 'evidence lines'], ['first_seen', 'first seen'], ['last_seen', 'last seen'],
];

/** Rows of objects → CSV with `columns` ([key, header] pairs). */
export function objectsToCSV(columns, objects) {
  return toCSV(columns.map(([, header]) => header), objects.map((object) => columns.map(([key]) => object[key])));
}
