import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldError } from './errors.ts';

const TITLES: Record<number, string> = {
  400: 'Solicitud inválida',
  401: 'Sesión requerida',
  403: 'Acceso denegado',
  404: 'No encontrado',
  409: 'Conflicto',
  413: 'Archivo demasiado grande',
  415: 'Tipo de contenido no admitido',
  423: 'Cuenta bloqueada',
  429: 'Demasiados intentos',
  500: 'Error interno',
};

type PgError = { code?: string; constraint_name?: string; constraint?: string; detail?: string };

/** Unique and foreign-key violations that slip past service checks (e.g. a race) still read well. */
function fromDatabase(error: PgError): AppError | null {
  const cause = (error as { cause?: PgError }).cause ?? error;
  if (cause.code === '23505')
    return new AppError(409, 'duplicate', 'Ya existe un registro con esos datos; revise las claves únicas.');
  if (cause.code === '23503')
    return new AppError(409, 'referenced', 'El registro está relacionado con otros datos y no puede cambiarse así.');
  // Class 22 (data exception): a number beyond the column's range, a malformed date or value that
  // got past validation. The request is wrong, not the server; the transaction has rolled back.
  if (cause.code?.startsWith('22'))
    return new AppError(400, 'invalid_value', 'Un valor enviado está fuera de rango o no tiene el formato esperado (número demasiado grande, fecha inexistente…); corríjalo e intente de nuevo.');
  return null;
}

function send(reply: FastifyReply, request: FastifyRequest, status: number, code: string, detail: string, extra = {}) {
  return reply
    .status(status)
    .type('application/problem+json')
    .send({ type: `about:blank#${code}`, title: TITLES[status] ?? 'Error', status, code, detail, requestId: request.id, ...extra });
}

export function registerErrorHandling(app: FastifyInstance, options: { spaFallback: boolean }): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return send(reply, request, error.status, error.code, error.message, error.extra);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors: FieldError[] = error.validation.map((v) => ({
        field: v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
        message: v.message ?? 'Valor inválido.',
      }));
      const where = error.validationContext === 'querystring' ? 'los filtros' : 'los datos';
      return send(reply, request, 400, 'validation_error', `Revise ${where}: ${errors.map((e) => e.message).join(' ')}`, { errors });
    }
    const db = fromDatabase(error as PgError);
    if (db) return send(reply, request, db.status, db.code, db.message);
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (error.statusCode === 400 && error instanceof SyntaxError))
      return send(reply, request, 400, 'malformed_json', 'El cuerpo de la solicitud no es JSON válido.');
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return send(reply, request, 415, 'unsupported_media_type', 'Envíe los datos como application/json.');
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return send(reply, request, 413, 'payload_too_large', request.url.includes('/imports/') ? 'El archivo excede 50 MB; divídalo en partes más pequeñas.' : 'El envío excede el tamaño permitido.');
    if (error.statusCode === 429) return send(reply, request, 429, 'rate_limited', 'Demasiados intentos. Espere un minuto y vuelva a intentar.');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
      return send(reply, request, error.statusCode, 'bad_request', 'La solicitud no se pudo procesar; revise los datos enviados.');
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, request, 500, 'internal_error', 'Ocurrió un error inesperado. Intente de nuevo; si persiste, comunique el folio al administrador.');
  });

  app.setNotFoundHandler((request, reply) => {
    // Client-side routes of the web app all load its index.html.
    if (options.spaFallback && request.method === 'GET' && !request.url.startsWith('/api')) return reply.sendFile('index.html');
    return send(reply, request, 404, 'not_found', `No existe la ruta ${request.method} ${request.url.split('?')[0]}.`);
  });
}
