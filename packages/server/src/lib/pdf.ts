import { createRequire } from 'node:module';
import type { FastifyReply } from 'fastify';

const require = createRequire(import.meta.url);
// pdfmake 0.2 ships CommonJS and its Roboto fonts as a base64 virtual file system.
const PdfPrinter = require('pdfmake') as new (fonts: unknown) => { createPdfKitDocument: (doc: unknown) => NodeJS.ReadableStream & { end: () => void } };
const vfsModule = require('pdfmake/build/vfs_fonts') as { pdfMake?: { vfs: Record<string, string> }; vfs?: Record<string, string> } & Record<string, string>;
const vfs = vfsModule.pdfMake?.vfs ?? vfsModule.vfs ?? vfsModule;
const font = (name: string) => Buffer.from(vfs[name] as string, 'base64');
const printer = new PdfPrinter({ Roboto: { normal: font('Roboto-Regular.ttf'), bold: font('Roboto-Medium.ttf'), italics: font('Roboto-Italic.ttf'), bolditalics: font('Roboto-MediumItalic.ttf') } });

/** Renders a pdfmake document definition and sends it as a download. */
export async function sendPdf(reply: FastifyReply, fileName: string, definition: Record<string, unknown>) {
  const doc = printer.createPdfKitDocument({ defaultStyle: { font: 'Roboto', fontSize: 8 }, ...definition });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.end();
  const body = await done;
  return reply.type('application/pdf').header('content-disposition', `attachment; filename="${fileName}.pdf"`).send(body);
}
