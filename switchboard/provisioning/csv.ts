/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines. Returns rows of raw fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const source = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += ch;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

/**
 * One RFC 4180 line (CRLF). Text a spreadsheet would run as a formula (=, @, tab, CR, or +/- not
 * followed by a digit) gets a leading apostrophe: a visitor's nickname is someone else's text.
 */
export function csvLine(row: readonly (string | number)[]): string {
  const field = (value: string | number) => {
    let text = String(value);
    if (typeof value === 'string' && /^(?:[=@\t\r]|[+-](?![\d\s(]))/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `${row.map(field).join(',')}\r\n`;
}
