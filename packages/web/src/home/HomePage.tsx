import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { useSession } from '../access/session.tsx';
import { useI18n } from '../i18n/index.tsx';

type Figures = { scope: string; figures: { key: string; value: number; text: string }[] };

/** Landing page: the program's figures in the bulletins' own wording, computed for the user's scope. */
export function HomePage() {
  const { t } = useI18n();
  const { user, can } = useSession();
  const figures = useQuery({ queryKey: ['figures'], enabled: can('people.read'), queryFn: () => api.get<Figures>('/reports/figures') });
  return (
    <Stack>
      <Title order={2}>{t('home.welcome', { name: user?.displayName ?? '' })}</Title>
      {can('people.read') && (
        <>
          <div>
            <Title order={3} size="h4">{t('home.figures')}</Title>
            <Text size="sm" c="dimmed">{t('home.figuresScope')}</Text>
          </div>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {figures.data?.figures.map((f) => (
              <Paper key={f.key} withBorder p="md" radius="md" data-figure={f.key}>
                <Text fw={600}>{f.text}</Text>
              </Paper>
            ))}
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
