import postgres from 'postgres';

export function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A connection to the server's maintenance database, for creating and dropping test databases. */
export async function adminDatabaseUrl(base: string) {
  return postgres(databaseUrl(base, 'postgres'), { max: 1, onnotice: () => {} });
}
