import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

export type XlsxColumn<T> = { header: string; width?: number; value: (row: T) => string | number | boolean | Date | null };

/**
 * Streams rows into an xlsx download so a national list never sits whole in memory.
 * The first page is read before any byte is sent, so a refused or invalid request still
 * gets a proper problem+json answer instead of a broken file.
 */
export async function sendXlsx<T>(reply: FastifyReply, fileName: string, sheet: string, columns: XlsxColumn<T>[], pages: AsyncIterable<T[]>) {
  const iterator = pages[Symbol.asyncIterator]();
  const first = await iterator.next();
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  const ws = workbook.addWorksheet(sheet.slice(0, 31));
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 20 }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  const write = (rows: T[]) => {
    for (const row of rows) ws.addRow(columns.map((c) => c.value(row))).commit();
  };
  (async () => {
    if (!first.done) write(first.value);
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) write(next.value);
    ws.commit();
    await workbook.commit();
  })().catch((err) => stream.destroy(err));
  return reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${fileName}.xlsx"`)
    .send(stream);
}
