/** A problem+json answer from the server, with its field-level messages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: { field: string; message: string }[] = [],
    readonly current?: unknown,
  ) {
    super(message);
  }
}

/** The server's field errors as the form's errors, by field path. */
export const fieldErrors = (err: ApiError): Record<string, string> => Object.fromEntries(err.errors.map((e) => [e.field, e.message]));
/** A zod schema's issues as the form's errors, by field path (the same schema the server checks). */
export const issueErrors = (issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> =>
  Object.fromEntries(issues.map((i) => [i.path.map(String).join('.'), i.message]));

let csrfToken = '';
export const setCsrfToken = (token: string) => {
  csrfToken = token;
};

async function request<T>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const isFile = body instanceof Blob;
  const res = await fetch(`/api/v1${url}`, {
    method,
    credentials: 'same-origin',
    headers: {
      ...(body !== undefined && !isFile ? { 'content-type': 'application/json' } : {}),
      ...(method !== 'GET' ? { 'x-csrf-token': csrfToken } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : isFile ? body : JSON.stringify(body),
  });
  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const p = (data ?? {}) as { code?: string; detail?: string; errors?: { field: string; message: string }[]; current?: unknown };
    throw new ApiError(res.status, p.code ?? 'error', p.detail ?? `Error ${res.status}`, p.errors ?? [], p.current);
  }
  return data as T;
}

export const api = {
  get: <T>(url: string) => request<T>('GET', url),
  post: <T>(url: string, body: unknown = {}) => request<T>('POST', url, body),
  patch: <T>(url: string, body: unknown) => request<T>('PATCH', url, body),
  put: <T>(url: string, body: unknown) => request<T>('PUT', url, body),
  delete: <T>(url: string) => request<T>('DELETE', url),
  upload: <T>(url: string, file: File) => request<T>('POST', url, file, { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(file.name) }),
};

export type Page<T> = { items: T[]; nextCursor: string | null; total: number };

/** Builds a query string from the non-empty values. */
export function qs(params: Record<string, string | number | boolean | undefined | null>) {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') s.set(k, String(v));
  const out = s.toString();
  return out ? `?${out}` : '';
}
