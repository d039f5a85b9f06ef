import type { RubricLevel } from '@sirem/core';

export type Competency = { id: number; code: string; name: string; specialtyId: number | null; description: string | null };
export type Template = { id: number; name: string; specialtyId: number | null; levels: RubricLevel[]; items: { id: number; text: string; competencyId: number; competency: string }[] };

/** Field errors from a zod parse, keyed by the same dotted paths @mantine/form uses. */
export const issuesToErrors = (issues: { path: PropertyKey[]; message: string }[]) => Object.fromEntries(issues.map((i) => [i.path.map(String).join('.'), i.message]));
