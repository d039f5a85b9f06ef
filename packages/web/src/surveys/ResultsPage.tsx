import { Alert, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { formatDate, GROUP_BY } from '@sirem/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSession } from '../access/session.tsx';
import { api } from '../api/client.ts';
import type { MessageKey } from '../i18n/es.ts';
import { useI18n } from '../i18n/index.tsx';
import { type CampaignState, CloseCampaignButton } from './CloseCampaignButton.tsx';

type Cell = { suppressed: boolean; responses: number | null; satisfiedPct: number | null; recommendPct: number | null };
type Results = { published: false; closesOn: string } | { published: true; total: Cell; groups: (Cell & { key: number; label: string })[] };
type Survey = { id: number; title: string; campaigns: CampaignState[] };

const show = (v: number | null, suppressed: boolean) => (suppressed || v === null ? '—' : String(v));

/**
 * Results by sede, specialty, OOAD or nation, only for closed campaigns; suppressed cells read "—"
 * with the reason below. An open campaign says when its results come out, and a manager may close it.
 */
export function ResultsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const [surveyId, setSurveyId] = useState<string | null>(null);
  const [campaignId, setCampaignId] = useState<string | null>(null);
  const [groupBy, setGroupBy] = useState<string>('sede');
  const list = useQuery({ queryKey: ['surveys'], queryFn: () => api.get<{ items: { id: number; title: string }[] }>('/surveys') });
  const survey = useQuery({ queryKey: ['survey', surveyId], enabled: Boolean(surveyId), queryFn: () => api.get<Survey>(`/surveys/${surveyId}`) });
  const results = useQuery({ queryKey: ['survey-results', campaignId, groupBy], enabled: Boolean(campaignId), queryFn: () => api.get<Results>(`/surveys/campaigns/${campaignId}/results?groupBy=${groupBy}`) });
  const trend = useQuery({ queryKey: ['survey-trend', surveyId], enabled: Boolean(surveyId), queryFn: () => api.get<{ points: (Cell & { cycle: string })[] }>(`/surveys/${surveyId}/trends`) });
  const campaign = survey.data?.campaigns.find((c) => String(c.id) === campaignId);
  const published = results.data?.published ? results.data : null;
  const rows = published ? [...published.groups, { ...published.total, key: -1, label: t('results.total') }] : [];
  const reload = () => Promise.all([survey.refetch(), results.refetch(), trend.refetch()]);
  return (
    <Stack>
      <Title order={2}>{t('results.title')}</Title>
      <Group align="end">
        <Select label={t('results.survey')} data={(list.data?.items ?? []).map((s) => ({ value: String(s.id), label: s.title }))} value={surveyId} onChange={(v) => { setSurveyId(v); setCampaignId(null); }} w={320} />
        <Select label={t('results.campaign')} data={(survey.data?.campaigns ?? []).map((c) => ({ value: String(c.id), label: `${c.cycleCode} · ${t(c.closed ? 'results.campaignClosed' : 'results.campaignOpen')}` }))} value={campaignId} onChange={setCampaignId} w={240} />
        <Select label={t('results.groupBy')} data={GROUP_BY.map((g) => ({ value: g, label: t(`results.group.${g}` as MessageKey) }))} value={groupBy} onChange={(v) => setGroupBy(v ?? 'sede')} w={180} />
      </Group>
      {results.data && !results.data.published && <Alert color="blue" data-testid="results-pending">{t('results.pending', { date: formatDate(results.data.closesOn) })}</Alert>}
      {campaign && !campaign.closed && can('surveys.manage') && <CloseCampaignButton key={campaign.id} campaign={campaign} onChanged={reload} />}
      {published && (
        <Table striped withTableBorder data-testid="survey-results">
          <Table.Thead><Table.Tr><Table.Th>{t(`results.group.${groupBy}` as MessageKey)}</Table.Th><Table.Th>{t('results.responses')}</Table.Th><Table.Th>{t('results.satisfied')}</Table.Th><Table.Th>{t('results.recommend')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.key}><Table.Td>{r.label}</Table.Td><Table.Td>{show(r.responses, r.suppressed)}</Table.Td><Table.Td>{show(r.satisfiedPct, r.suppressed)}</Table.Td><Table.Td>{show(r.recommendPct, r.suppressed)}</Table.Td></Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {rows.some((r) => r.suppressed) && <Alert color="gray">{t('results.suppressed')}</Alert>}
      {Boolean(trend.data?.points.length) && (
        <>
          <Title order={3} size="h4">{t('results.trend')}</Title>
          <Text size="xs" c="dimmed">{t('results.trendClosedOnly')}</Text>
          {trend.data?.points.map((p) => <Text key={p.cycle} size="sm">{p.cycle}: {t('results.satisfied')} {show(p.satisfiedPct, p.suppressed)} · {t('results.recommend')} {show(p.recommendPct, p.suppressed)}</Text>)}
        </>
      )}
    </Stack>
  );
}
