import { AppShell, Burger, Button, Group, NavLink, ScrollArea, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useRouterState } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { logout, useSession } from '../access/session.tsx';
import { useI18n } from '../i18n/index.tsx';
import type { MessageKey } from '../i18n/es.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';

type Item = { to: string; label: MessageKey; action?: string };
const SECTIONS: { label: MessageKey; items: Item[] }[] = [
  { label: 'nav.home', items: [{ to: '/', label: 'nav.home' }, { to: '/reports/figures', label: 'nav.figures', action: 'people.read' }] },
  {
    label: 'nav.residents',
    items: [
      { to: '/people/residents', label: 'nav.residents', action: 'people.read' },
      { to: '/people/faculty', label: 'nav.faculty', action: 'people.read' },
      { to: '/people/imports', label: 'nav.imports', action: 'people.manage' },
      { to: '/people/promotion', label: 'nav.promotion', action: 'people.manage' },
    ],
  },
  {
    label: 'nav.guards',
    items: [
      { to: '/guards/my', label: 'nav.myGuards', action: 'absences.request' },
      { to: '/guards', label: 'nav.guards', action: 'guards.manage' },
      { to: '/guards/compliance', label: 'nav.compliance', action: 'guards.manage' },
      { to: '/rotations/plan', label: 'nav.plan', action: 'people.read' },
      { to: '/rotations/absences', label: 'nav.absences', action: 'people.read' },
    ],
  },
  {
    label: 'nav.evaluations',
    items: [
      { to: '/evaluations', label: 'nav.toEvaluate' },
      { to: '/evaluations/mine', label: 'nav.myEvaluations', action: 'absences.request' },
      { to: '/evaluations/follow-up', label: 'nav.followUp', action: 'people.read' },
      { to: '/evaluations/committee', label: 'nav.committee', action: 'evaluations.manage' },
      { to: '/evaluations/design', label: 'nav.design', action: 'evaluations.manage' },
    ],
  },
  {
    label: 'nav.wellbeing',
    items: [
      { to: '/wellbeing', label: 'nav.myWellbeing', action: 'wellbeing.screen' },
      { to: '/wellbeing/alerts', label: 'nav.wellbeingAlerts', action: 'wellbeing.followup' },
      { to: '/wellbeing/conduct', label: 'nav.conduct' },
      { to: '/wellbeing/codes', label: 'nav.codes' },
      { to: '/wellbeing/cases', label: 'nav.cases', action: 'conduct.cases' },
    ],
  },
  {
    label: 'nav.surveys',
    items: [
      { to: '/surveys', label: 'nav.mySurveys', action: 'surveys.answer' },
      { to: '/surveys/teaching', label: 'nav.myTeaching', action: 'surveys.answer' },
      { to: '/surveys/builder', label: 'nav.surveyBuilder', action: 'surveys.manage' },
      { to: '/surveys/results', label: 'nav.surveyResults', action: 'surveys.results' },
    ],
  },
  {
    label: 'nav.activity',
    items: [
      { to: '/activity', label: 'nav.activity', action: 'activity.record' },
      { to: '/activity/review', label: 'nav.activityReview', action: 'activity.verify' },
      { to: '/activity/progress', label: 'nav.activityProgress', action: 'activity.read' },
      { to: '/activity/requirements', label: 'nav.activityRequirements', action: 'catalog.read' },
      { to: '/jornadas', label: 'nav.jornadas', action: 'jornadas.read' },
      { to: '/jornadas/backlog', label: 'nav.backlog', action: 'jornadas.manage' },
    ],
  },
  {
    label: 'nav.catalog',
    items: [
      { to: '/catalog/ooads', label: 'nav.ooads', action: 'catalog.read' },
      { to: '/catalog/units', label: 'nav.units', action: 'catalog.read' },
      { to: '/catalog/specialties', label: 'nav.specialties', action: 'catalog.read' },
      { to: '/catalog/courses', label: 'nav.courses', action: 'catalog.read' },
      { to: '/catalog/sedes', label: 'nav.sedes', action: 'catalog.read' },
      { to: '/catalog/cycles', label: 'nav.cycles', action: 'catalog.read' },
    ],
  },
  {
    label: 'nav.admin',
    items: [
      { to: '/admin/users', label: 'nav.users', action: 'users.manage' },
      { to: '/admin/audit', label: 'nav.audit', action: 'audit.read' },
    ],
  },
];

/** The frame of every signed-in page; the menu shows only what the user's roles allow and folds into a burger on phones. */
export function Shell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { user, can } = useSession();
  const client = useQueryClient();
  const [opened, { toggle, close }] = useDisclosure();
  const path = useRouterState({ select: (s) => s.location.pathname });
  const signOut = async () => {
    await logout();
    client.setQueryData(['me'], null);
    client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
  };
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} />
            <Title order={1} size="h4">{t('app.name')}</Title>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Text size="sm" visibleFrom="sm">{user?.displayName}</Text>
            <LanguageSwitch />
            <Button variant="light" size="compact-sm" onClick={signOut}>{t('nav.logout')}</Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.menu')}>
        <ScrollArea>
          {SECTIONS.map((section) => {
            const items = section.items.filter((i) => !i.action || can(i.action));
            if (!items.length) return null;
            return (
              <div key={section.label}>
                {section.items.length > 1 && <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="sm" px="sm">{t(section.label)}</Text>}
                {items.map((item) => (
                  <NavLink key={item.to} component={Link} to={item.to} label={t(item.label)} onClick={close}
                    active={item.to === '/' || item.to === '/guards' || item.to === '/wellbeing' || item.to === '/surveys' || item.to === '/evaluations' || item.to === '/activity' || item.to === '/jornadas' ? path === item.to || (item.to === '/guards' && path.startsWith('/guards/rosters')) : path.startsWith(item.to)} />
                ))}
              </div>
            );
          })}
          <NavLink component={Link} to="/password" label={t('nav.password')} onClick={close} active={path === '/password'} />
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
