/** Walks a cursor-paginated list page by page, for exports that must never hold a whole table. */
export async function* allPages<T>(load: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>) {
  let cursor: string | undefined;
  do {
    const page = await load(cursor);
    yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
