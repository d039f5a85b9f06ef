import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { badRequest } from '../http/errors.ts';

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
export const MAX_DATA_ROWS = 100_000;

/** A table read from an upload: cell texts by row, with the file's own row numbers for messages. */
export type Sheet = { rows: { line: number; cells: string[] }[] };

const isXlsx = (bytes: Buffer) => bytes[0] === 0x50 && bytes[1] === 0x4b;

export async function parseUpload(bytes: Buffer, fileName: string): Promise<Sheet> {
  if (bytes.length === 0) throw badRequest('El archivo está vacío.');
  if (bytes.length > MAX_UPLOAD_BYTES) throw badRequest('El archivo excede 50 MB; divídalo en partes más pequeñas.');
  if (isXlsx(bytes)) return parseXlsx(bytes);
  if (/\.xlsx?$/i.test(fileName)) throw badRequest('El archivo no es un libro de Excel .xlsx válido; guárdelo de nuevo como .xlsx o como CSV.');
  return parseCsv(decodeText(bytes));
}

/** UTF-8 (with or without BOM) when it decodes cleanly; otherwise Windows-1252, as Excel saves "CSV" in Spanish Windows. */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

export function parseCsv(text: string): Sheet {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: Sheet['rows'] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    cells.push(cell);
    if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowLine, cells: cells.map((c) => c.trim()) });
    if (rows.length > MAX_DATA_ROWS + 1) throw badRequest(`El archivo tiene más de ${MAX_DATA_ROWS} filas; divídalo en partes.`);
    cells = [];
    cell = '';
    rowLine = line;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) (cells.push(cell), (cell = ''));
    else if (ch === '\n') (line++, endRow());
    else if (ch !== '\r') cell += ch;
  }
  if (cell !== '' || cells.length) endRow();
  return { rows };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return value.result == null ? '' : cellText(value.result as ExcelJS.CellValue);
    if ('formula' in value || 'sharedFormula' in value) return '';
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value).trim();
}

/**
 * Streams the first worksheet, so a sheet padded with a million empty formatted rows costs no
 * memory: empty rows are dropped as they pass. Formulas contribute their cached result.
 */
async function parseXlsx(bytes: Buffer): Promise<Sheet> {
  const rows: Sheet['rows'] = [];
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(bytes), { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore' });
    for await (const worksheet of reader) {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
        if (values.some((v) => v !== '')) rows.push({ line: row.number, cells: values });
        if (rows.length > MAX_DATA_ROWS + 1) throw badRequest(`El archivo tiene más de ${MAX_DATA_ROWS} filas; divídalo en partes.`);
      }
      break;
    }
  } catch (err) {
    if (err instanceof Error && 'status' in err) throw err;
    throw badRequest('No se pudo leer el libro de Excel; verifique que no esté dañado ni protegido con contraseña.');
  }
  return { rows };
}
