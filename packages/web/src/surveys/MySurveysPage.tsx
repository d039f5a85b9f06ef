import { Alert, Badge, Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { formatDate } from '@sirem/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { type FormAnswer, type FormQuestion, QuestionField } from './QuestionField.tsx';

type Open = { id: number; title: string; purpose: string; closesOn: string; answered: boolean };
type Form = { id: number; title: string; description: string | null; purpose: string; questions: FormQuestion[]; teachers: { appointmentId: number; name: string; role: string }[] };

/** Open surveys for the signed-in resident or teacher, answered anonymously. */
export function MySurveysPage() {
  const { t } = useI18n();
  const mine = useQuery({ queryKey: ['surveys-mine'], queryFn: () => api.get<Open[]>('/surveys/campaigns/mine') });
  const [openId, setOpenId] = useState<number | null>(null);
  const [done, setDone] = useState(false);
  return (
    <Stack maw={720}>
      <Title order={2}>{t('surveys.mine')}</Title>
      <Text size="sm" c="dimmed">{t('surveys.anonymous')}</Text>
      {done && <Alert color="teal" data-testid="survey-thanks">{t('surveys.thanks')}</Alert>}
      {!mine.data?.length && <Text c="dimmed">{mine.isLoading ? t('common.loading') : t('surveys.none')}</Text>}
      {mine.data?.map((c) => (
        <Paper key={c.id} withBorder p="sm">
          <Group justify="space-between">
            <div><Text fw={600}>{c.title}</Text><Text size="xs" c="dimmed">{t('surveys.closes', { date: formatDate(c.closesOn) })}</Text></div>
            {c.answered ? <Badge color="gray">{t('surveys.answered')}</Badge> : <Button size="xs" onClick={() => { setDone(false); setOpenId(c.id); }}>{t('surveys.answer')}</Button>}
          </Group>
          {openId === c.id && <AnswerForm id={c.id} onDone={() => { setOpenId(null); setDone(true); mine.refetch(); }} />}
        </Paper>
      ))}
    </Stack>
  );
}

function AnswerForm({ id, onDone }: { id: number; onDone: () => void }) {
  const { t } = useI18n();
  const form = useQuery({ queryKey: ['survey-form', id], queryFn: () => api.get<Form>(`/surveys/campaigns/${id}/form`) });
  const [answers, setAnswers] = useState<Record<number, FormAnswer>>({});
  const [teacher, setTeacher] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!form.data) return <Text size="sm">{t('common.loading')}</Text>;
  const send = async () => {
    setError(null);
    try {
      await api.post(`/surveys/campaigns/${id}/responses`, { subjectAppointmentId: teacher ? Number(teacher) : null, answers: Object.entries(answers).map(([questionId, a]) => ({ questionId: Number(questionId), ...a })) });
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? [e.message, ...e.errors.map((x) => x.message)].join(' ') : String(e));
    }
  };
  return (
    <Stack mt="sm">
      {form.data.description && <Text size="sm">{form.data.description}</Text>}
      {form.data.purpose === 'docente' && <Select label={t('surveys.teacher')} data={form.data.teachers.map((x) => ({ value: String(x.appointmentId), label: x.name }))} value={teacher} onChange={setTeacher} required />}
      {form.data.questions.map((q, i) => <QuestionField key={q.id} n={i + 1} q={q} value={answers[q.id] ?? {}} onChange={(a) => setAnswers((prev) => ({ ...prev, [q.id]: a }))} />)}
      {error && <Alert color="red">{error}</Alert>}
      <Button w="fit-content" onClick={send}>{t('surveys.send')}</Button>
    </Stack>
  );
}
