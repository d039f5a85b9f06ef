import { Center, Loader } from '@mantine/core';
import { createRootRoute, createRoute, createRouter, Outlet, useParams } from '@tanstack/react-router';
import { type ComponentType, lazy, Suspense } from 'react';
import { ChangePasswordPage } from './access/ChangePasswordPage.tsx';
import { LoginPage } from './access/LoginPage.tsx';
import { useSession } from './access/session.tsx';
import { HomePage } from './home/HomePage.tsx';
import { ErrorPage } from './ui/ErrorPage.tsx';
import { Shell } from './ui/Shell.tsx';

// Area pages load on demand so the first screen (login) stays small.
const CatalogListPage = lazy(() => import('./catalog/CatalogListPage.tsx').then((m) => ({ default: m.CatalogListPage })));
const CatalogDetailPage = lazy(() => import('./catalog/CatalogDetailPage.tsx').then((m) => ({ default: m.CatalogDetailPage })));
const UsersPage = lazy(() => import('./access/UsersPage.tsx').then((m) => ({ default: m.UsersPage })));
const UserFormPage = lazy(() => import('./access/UserFormPage.tsx').then((m) => ({ default: m.UserFormPage })));
const AuditPage = lazy(() => import('./audit/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));
const ResidentsPage = lazy(() => import('./people/ResidentsPage.tsx').then((m) => ({ default: m.ResidentsPage })));
const ResidentDetailPage = lazy(() => import('./people/ResidentDetailPage.tsx').then((m) => ({ default: m.ResidentDetailPage })));
const FacultyPage = lazy(() => import('./people/FacultyPage.tsx').then((m) => ({ default: m.FacultyPage })));
const PromotionPage = lazy(() => import('./people/PromotionPage.tsx').then((m) => ({ default: m.PromotionPage })));
const EnrolPage = lazy(() => import('./people/EnrolPage.tsx').then((m) => ({ default: m.EnrolPage })));
const TutorPage = lazy(() => import('./people/TutorPage.tsx').then((m) => ({ default: m.TutorPage })));
const GeneratePage = lazy(() => import('./guards/GeneratePage.tsx').then((m) => ({ default: m.GeneratePage })));
const RosterPage = lazy(() => import('./guards/RosterPage.tsx').then((m) => ({ default: m.RosterPage })));
const MyGuardsPage = lazy(() => import('./guards/MyGuardsPage.tsx').then((m) => ({ default: m.MyGuardsPage })));
const PlanPage = lazy(() => import('./rotations/PlanPage.tsx').then((m) => ({ default: m.PlanPage })));
const AbsencesPage = lazy(() => import('./rotations/AbsencesPage.tsx').then((m) => ({ default: m.AbsencesPage })));
const CompliancePage = lazy(() => import('./guards/CompliancePage.tsx').then((m) => ({ default: m.CompliancePage })));
const WellbeingPage = lazy(() => import('./wellbeing/WellbeingPage.tsx').then((m) => ({ default: m.WellbeingPage })));
const AlertsPage = lazy(() => import('./wellbeing/AlertsPage.tsx').then((m) => ({ default: m.AlertsPage })));
const ReportPage = lazy(() => import('./wellbeing/ReportPage.tsx').then((m) => ({ default: m.ReportPage })));
const CodesPage = lazy(() => import('./wellbeing/CodesPage.tsx').then((m) => ({ default: m.CodesPage })));
const CasesPage = lazy(() => import('./wellbeing/CasesPage.tsx').then((m) => ({ default: m.CasesPage })));
const MySurveysPage = lazy(() => import('./surveys/MySurveysPage.tsx').then((m) => ({ default: m.MySurveysPage })));
const BuilderPage = lazy(() => import('./surveys/BuilderPage.tsx').then((m) => ({ default: m.BuilderPage })));
const SurveyResultsPage = lazy(() => import('./surveys/ResultsPage.tsx').then((m) => ({ default: m.ResultsPage })));
const TeachingPage = lazy(() => import('./surveys/TeachingPage.tsx').then((m) => ({ default: m.TeachingPage })));
const AssignedPage = lazy(() => import('./evaluations/AssignedPage.tsx').then((m) => ({ default: m.AssignedPage })));
const MyEvaluationsPage = lazy(() => import('./evaluations/MyEvaluationsPage.tsx').then((m) => ({ default: m.MyEvaluationsPage })));
const CommitteePage = lazy(() => import('./evaluations/CommitteePage.tsx').then((m) => ({ default: m.CommitteePage })));
const FollowUpPage = lazy(() => import('./evaluations/FollowUpPage.tsx').then((m) => ({ default: m.FollowUpPage })));
const DesignPage = lazy(() => import('./evaluations/DesignPage.tsx').then((m) => ({ default: m.DesignPage })));
const LogPage = lazy(() => import('./activity/LogPage.tsx').then((m) => ({ default: m.LogPage })));
const ReviewPage = lazy(() => import('./activity/ReviewPage.tsx').then((m) => ({ default: m.ReviewPage })));
const ProgressPage = lazy(() => import('./activity/ProgressPage.tsx').then((m) => ({ default: m.ProgressPage })));
const RequirementsPage = lazy(() => import('./activity/RequirementsPage.tsx').then((m) => ({ default: m.RequirementsPage })));
const JornadasPage = lazy(() => import('./jornadas/JornadasPage.tsx').then((m) => ({ default: m.JornadasPage })));
const BacklogPage = lazy(() => import('./jornadas/BacklogPage.tsx').then((m) => ({ default: m.BacklogPage })));
const FiguresPage = lazy(() => import('./reports/FiguresPage.tsx').then((m) => ({ default: m.FiguresPage })));
const ImportsPage = lazy(() => import('./people/ImportsPage.tsx').then((m) => ({ default: m.ImportsPage })));

function Root() {
  const { user, loading } = useSession();
  if (loading) return <Center mih="100vh"><Loader /></Center>;
  if (!user) return <LoginPage />;
  return (
    <Shell>
      <Suspense fallback={<Loader />}>{user.mustChangePassword ? <ChangePasswordPage /> : <Outlet />}</Suspense>
    </Shell>
  );
}

type Params = { resource?: string; id?: string };
const useRouteParams = () => useParams({ strict: false }) as Params;

function CatalogList() {
  const { resource = '' } = useRouteParams();
  return <CatalogListPage key={resource} resource={resource} />;
}
function CatalogDetail() {
  const { resource = '', id = '' } = useRouteParams();
  return <CatalogDetailPage key={`${resource}/${id}`} resource={resource} id={id} />;
}
function UserForm() {
  const { id = '' } = useRouteParams();
  return <UserFormPage key={id} id={id} />;
}
function Tutor() {
  const { id = '' } = useRouteParams();
  return <TutorPage key={id} personId={id} />;
}
function Roster() {
  const { id = '' } = useRouteParams();
  return <RosterPage key={id} id={id} />;
}
function ResidentDetail() {
  const { id = '' } = useRouteParams();
  return id === 'new' ? <EnrolPage /> : <ResidentDetailPage key={id} id={id} />;
}

const root = createRootRoute({ component: Root });
const page = (path: string, Component: ComponentType) => createRoute({ getParentRoute: () => root, path, component: () => <Component /> });

export const router = createRouter({
  defaultErrorComponent: ErrorPage,
  routeTree: root.addChildren([
    page('/', HomePage),
    page('/password', ChangePasswordPage),
    page('/reports/figures', FiguresPage),
    page('/catalog/$resource', CatalogList),
    page('/catalog/$resource/$id', CatalogDetail),
    page('/admin/users', UsersPage),
    page('/admin/users/$id', UserForm),
    page('/admin/audit', AuditPage),
    page('/people/residents', ResidentsPage),
    page('/people/residents/$id', ResidentDetail),
    page('/people/faculty', FacultyPage),
    page('/people/faculty/$id', Tutor),
    page('/people/imports', ImportsPage),
    page('/people/promotion', PromotionPage),
    page('/rotations/plan', PlanPage),
    page('/rotations/absences', AbsencesPage),
    page('/guards', GeneratePage),
    page('/guards/rosters/$id', Roster),
    page('/guards/my', MyGuardsPage),
    page('/guards/compliance', CompliancePage),
    page('/wellbeing', WellbeingPage),
    page('/wellbeing/alerts', AlertsPage),
    page('/wellbeing/conduct', ReportPage),
    page('/wellbeing/codes', CodesPage),
    page('/wellbeing/cases', CasesPage),
    page('/evaluations', AssignedPage),
    page('/evaluations/mine', MyEvaluationsPage),
    page('/evaluations/committee', CommitteePage),
    page('/evaluations/follow-up', FollowUpPage),
    page('/evaluations/design', DesignPage),
    page('/surveys', MySurveysPage),
    page('/surveys/builder', BuilderPage),
    page('/surveys/results', SurveyResultsPage),
    page('/surveys/teaching', TeachingPage),
    page('/activity', LogPage),
    page('/activity/review', ReviewPage),
    page('/activity/progress', ProgressPage),
    page('/activity/requirements', RequirementsPage),
    page('/jornadas', JornadasPage),
    page('/jornadas/backlog', BacklogPage),
  ]),
});
