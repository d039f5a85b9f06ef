import type { RubricLevel } from '@sirem/core';

export type Competency = { id: number; code: string; name: string; specialtyId: number | null; description: string | null };
export type Template = { id: number; name: string; specialtyId: number | null; levels: RubricLevel[]; items: { id: number; text: string; competencyId: number; competency: string }[] };
