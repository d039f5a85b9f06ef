import { Checkbox, Group, Radio, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { SCALE } from '@sirem/core';
import { useI18n } from '../i18n/index.tsx';

export type FormQuestion = { id: number; kind: 'likert' | 'nps' | 'single' | 'multiple' | 'text'; text: string; options: string[] | null; required: boolean };
export type FormAnswer = { value?: number | null; choices?: number[]; text?: string };

/** One question, drawn for its kind; scales are segmented buttons, big enough for a thumb. */
export function QuestionField({ n, q, value, onChange }: { n: number; q: FormQuestion; value: FormAnswer; onChange: (a: FormAnswer) => void }) {
  const { t } = useI18n();
  const label = `${n}. ${q.text}${q.required ? ' *' : ''}`;
  if (q.kind === 'likert' || q.kind === 'nps') {
    const [min, max] = SCALE[q.kind];
    return (
      <Stack gap={4}>
        <Text size="sm" fw={500} id={`q${q.id}`}>{label}</Text>
        <SegmentedControl aria-labelledby={`q${q.id}`} fullWidth value={value.value == null ? '' : String(value.value)} onChange={(v) => onChange({ value: Number(v) })}
          data={Array.from({ length: max - min + 1 }, (_, i) => String(min + i))} />
        <Group justify="space-between"><Text size="xs" c="dimmed">{t(q.kind === 'likert' ? 'surveys.likertLow' : 'surveys.npsLow')}</Text><Text size="xs" c="dimmed">{t(q.kind === 'likert' ? 'surveys.likertHigh' : 'surveys.npsHigh')}</Text></Group>
      </Stack>
    );
  }
  if (q.kind === 'single')
    return (
      <Radio.Group label={label} value={value.choices?.length ? String(value.choices[0]) : null} onChange={(v) => onChange({ choices: [Number(v)] })}>
        <Stack gap={6} mt={6}>{q.options?.map((o, i) => <Radio key={o} value={String(i)} label={o} />)}</Stack>
      </Radio.Group>
    );
  if (q.kind === 'multiple')
    return (
      <Checkbox.Group label={label} value={(value.choices ?? []).map(String)} onChange={(v) => onChange({ choices: v.map(Number) })}>
        <Stack gap={6} mt={6}>{q.options?.map((o, i) => <Checkbox key={o} value={String(i)} label={o} />)}</Stack>
      </Checkbox.Group>
    );
  return <Textarea label={label} value={value.text ?? ''} onChange={(e) => onChange({ text: e.currentTarget.value })} autosize minRows={2} />;
}
