import { can, type FieldRotationRule, fieldRotationRuleFor } from '@sirem/core';
import { asc } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { fieldRotationRules } from '../db/schema/rotations.ts';
import { forbidden } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';

const columns = {
  code: fieldRotationRules.code, source: fieldRotationRules.source, effectiveFrom: fieldRotationRules.effectiveFrom, specialtyCodes: fieldRotationRules.specialtyCodes,
  minMonths: fieldRotationRules.minMonths, maxMonths: fieldRotationRules.maxMonths, minBeds: fieldRotationRules.minBeds,
};

/** Every rotación de campo record, oldest first (a handful of rows: read whole). */
const allRules = (db: Db): Promise<FieldRotationRule[]> => db.select(columns).from(fieldRotationRules).orderBy(asc(fieldRotationRules.effectiveFrom));

/** The record that governs a last year whose cycle starts on `cycleStartsOn` (core explains why the cycle start). */
export async function fieldRuleFor(db: Db, cycleStartsOn: string): Promise<FieldRotationRule | null> {
  return fieldRotationRuleFor(await allRules(db), cycleStartsOn);
}

/** The dated rotación de campo records, for anyone who reads the catalogue. */
export async function listFieldRotationRules(ctx: Ctx) {
  if (!can(ctx.actor.grants, 'catalog.read')) throw forbidden('No tiene acceso a los catálogos.');
  return { items: await allRules(ctx.db) };
}
