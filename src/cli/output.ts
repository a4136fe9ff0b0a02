/** Where commands write; injected so tests can read what a command printed. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** Standard output as it is, a piece at a time (a streamed download); resolves when taken. */
  write(piece: string): Promise<void>;
}

export const processOutput: Output = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  write: (piece) =>
    new Promise((resolve, reject) =>
      process.stdout.write(piece, (error) => (error ? reject(error) : resolve())),
    ),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

/** A plain aligned text table for terminals. */
export function formatTable(rows: Record<string, unknown>[], columns: string[]): string {
  if (rows.length === 0) return '(none)';
  const cells = rows.map((row) => columns.map((column) => formatCell(row[column])));
  const headers = columns.map(columnHeader);
  const widths = headers.map((header, index) =>
    Math.max(header.length, ...cells.map((line) => line[index]!.length)),
  );
  const line = (values: string[]) =>
    values
      .map((value, index) => value.padEnd(widths[index]!))
      .join('  ')
      .trimEnd();
  return [line(headers), ...cells.map(line)].join('\n');
}

/**
 * A column's field name as a header a person reads: words in capitals, a trailing "Key" left out
 * (`controlKey` → CONTROL, `dueAt` → DUE AT, `rpo30Days` → RPO 30 DAYS).
 */
export function columnHeader(field: string): string {
  const words = field
    .replace(/([a-z])([A-Z0-9])/g, '$1 $2')
    .replace(/([0-9])([A-Za-z])/g, '$1 $2')
    .split(' ');
  if (words.length > 1 && words.at(-1) === 'Key') words.pop();
  return words.join(' ').toUpperCase();
}

function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(',');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value as string | number | boolean | bigint); // eslint-disable-line @typescript-eslint/no-unnecessary-type-assertion -- objects were handled above
}
