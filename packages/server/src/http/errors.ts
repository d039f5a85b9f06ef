/** Domain errors carry a stable code and a Spanish message; one plugin maps them to problem+json. */
export type FieldError = { field: string; message: string };

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { errors?: FieldError[]; current?: unknown } = {},
  ) {
    super(message);
  }
}

export const notFound = (what = 'El registro') => new AppError(404, 'not_found', `${what} no existe o no está a su alcance.`);
export const forbidden = (detail = 'No tiene permiso para esta acción.') => new AppError(403, 'forbidden', detail);
export const unauthenticated = () => new AppError(401, 'unauthenticated', 'Inicie sesión para continuar.');
export const conflict = (code: string, detail: string, extra: AppError['extra'] = {}) => new AppError(409, code, detail, extra);
export const badRequest = (detail: string, errors?: FieldError[]) =>
  new AppError(400, 'validation_error', detail, errors ? { errors } : {});
export const versionConflict = (current: unknown) =>
  conflict('version_conflict', 'Otra persona modificó este registro mientras usted lo editaba. Revise los datos actuales y vuelva a guardar.', { current });
