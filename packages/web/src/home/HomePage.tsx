import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api } from '../api/client.ts';
import { useSession } from '../access/session.tsx';
import { useI18n } from '../i18n/index.tsx';
import { FigureCards, type Figures } from '../reports/FigureCards.tsx';

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
          <FigureCards figures={figures.data} />
          <Anchor component={Link} to="/reports/figures" size="sm">{t('figures.byOoad')}</Anchor>
        </>
      )}
    </Stack>
  );
}
