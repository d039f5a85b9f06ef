import { Alert, List, Text } from '@mantine/core';
import { type FieldRotationRule, fieldRotation, fieldUnitProblem, formatDate, parseDisplayDate, type PlanRotation } from '@sirem/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';

export type PlanResident = { id: number; grade: number; durationYears: number; specialtyCode: string; blocks: (PlanRotation & { id: number })[] };
export type BlockDraft = { serviceId: string | null; from: string; to: string; kind: string };

const describe = (r: FieldRotationRule) => ({ code: r.code, source: r.source, from: formatDate(r.effectiveFrom), min: r.minMonths, max: r.maxMonths, beds: r.minBeds, specialties: r.specialtyCodes.join(', ') });

/** The campo record the plan is judged by, and the next one on the way if the catalogue has it. */
export function FieldRuleNote({ rule, cycleStartsOn }: { rule: FieldRotationRule | null; cycleStartsOn: string }) {
  const { t } = useI18n();
  const rules = useQuery({ queryKey: ['field-rules'], queryFn: () => api.get<{ items: FieldRotationRule[] }>('/rotations/field-rules') });
  const next = rules.data?.items.find((r) => r.effectiveFrom > cycleStartsOn);
  return (
    <Text size="sm" c="dimmed" data-testid="field-rule">
      {rule ? t('plan.fieldRule', describe(rule)) : t('plan.fieldRuleNone')}
      {next ? ` ${t('plan.fieldRuleNext', describe(next))}` : ''}
    </Text>
  );
}

/**
 * What the campo rule says of a resident's plan once a block is added or changed, checked in the
 * browser with the record the server judges the plan by (core's fieldRotation), before saving.
 * A block that starts outside the plan's cycle falls under another cycle's record: not judged here.
 */
export function FieldRuleCheck({ rule, cycle, resident, replacing, draft }: { rule: FieldRotationRule | null; cycle: { startsOn: string; endsOn: string }; resident: PlanResident | undefined; replacing?: number; draft: BlockDraft }) {
  const { t } = useI18n();
  const service = useQuery({
    queryKey: ['ref-one', '/rotations/services', draft.serviceId],
    enabled: Boolean(draft.serviceId),
    queryFn: () => api.get<{ name: string; unitBeds: number }>(`/rotations/services/${draft.serviceId}`),
  });
  const startsOn = parseDisplayDate(draft.from);
  const endsOn = parseDisplayDate(draft.to);
  if (!rule || !resident || !service.data || !startsOn || !endsOn || endsOn < startsOn || startsOn < cycle.startsOn || startsOn > cycle.endsOn) return null;
  const refusal = draft.kind === 'campo' ? fieldUnitProblem(rule, service.data.unitBeds, service.data.name) : null;
  if (refusal) return <Alert color="red" data-testid="field-check">{refusal}</Alert>;
  const subject = rule.specialtyCodes.includes(resident.specialtyCode) && resident.grade === resident.durationYears;
  if (!subject) return null;
  const candidate: PlanRotation = { residentId: resident.id, serviceId: Number(draft.serviceId), startsOn, endsOn, kind: draft.kind, unitBeds: service.data.unitBeds, grade: resident.grade };
  const issues = fieldRotation(resident, [...resident.blocks.filter((b) => b.id !== replacing), candidate], rule);
  if (!issues.length) return <Alert color="green" data-testid="field-check">{t('plan.fieldCheckOk')}</Alert>;
  return (
    <Alert color="orange" title={t('plan.fieldCheck')} data-testid="field-check">
      <List size="sm">{issues.map((i) => <List.Item key={i.message}>{i.message}</List.Item>)}</List>
    </Alert>
  );
}
