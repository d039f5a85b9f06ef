import { Alert, Button, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import type { Instrument } from '@sirem/core';
import { useState } from 'react';
import { useI18n } from '../i18n/index.tsx';

/** One instrument, one radio group per item; large targets so it can be answered on a phone. */
export function Questionnaire({ instrument, busy, onSubmit }: { instrument: Instrument; busy: boolean; onSubmit: (answers: number[]) => void }) {
  const { t, locale } = useI18n();
  const [answers, setAnswers] = useState<(number | null)[]>(() => instrument.items.map(() => null));
  const [missing, setMissing] = useState(false);
  const send = () => {
    if (answers.some((a) => a === null)) return setMissing(true);
    onSubmit(answers as number[]);
  };
  return (
    <Paper withBorder p="md" data-testid="questionnaire">
      <Stack>
        <Title order={3} size="h4">{instrument.name[locale]}</Title>
        <Text size="sm">{instrument.stem[locale]}</Text>
        {instrument.items.map((item, i) => (
          <Radio.Group key={item.es} label={`${i + 1}. ${item[locale]}`} value={answers[i] === null ? null : String(answers[i])}
            onChange={(v) => setAnswers((prev) => prev.map((a, j) => (j === i ? Number(v) : a)))}>
            <Stack gap={6} mt={6}>
              {instrument.options.map((o, value) => <Radio key={o.es} value={String(value)} label={o[locale]} />)}
            </Stack>
          </Radio.Group>
        ))}
        {missing && answers.some((a) => a === null) && <Alert color="orange">{t('wellbeing.missing')}</Alert>}
        <Button onClick={send} loading={busy} w="fit-content">{t('wellbeing.submit')}</Button>
      </Stack>
    </Paper>
  );
}
