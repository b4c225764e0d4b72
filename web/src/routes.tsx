import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router-dom';
import { Result } from 'antd';
import { CallbackPage, LoginPage, NotebookLoginPage, RequireAuth } from './lib/auth';
import { AppLayout } from './components/AppLayout';
import { ResourceFormPage, ResourceList, type Resource } from './components/Resource';
import { HomePage } from './pages/Home';
import { NotebooksPage } from './pages/Notebooks';
import { LaunchNotebookPage } from './pages/LaunchNotebook';
import { ApiTokensPage } from './pages/ApiTokens';
import { JobsPage } from './pages/Jobs';
import { SubmitJobPage } from './pages/SubmitJob';
import { ScheduleFormPage, SchedulesPage } from './pages/Schedules';
import { ProfilesPage } from './pages/Profiles';
import { DeploymentPage, DeploymentsPage, NewDeploymentPage } from './pages/Deployments';
import { MyGroupsPage } from './pages/MyGroups';
import { AppsPage } from './pages/Apps';
import { AppStorePage, InstallAppPage } from './pages/AppStore';
import { SystemPage } from './pages/admin/System';
import { NotebooksAdminPage } from './pages/admin/Notebooks';
import { users } from './pages/admin/Users';
import { groups } from './pages/admin/Groups';
import { instanceTypes } from './pages/admin/InstanceTypes';
import { images } from './pages/admin/Images';
import { volumes } from './pages/admin/Volumes';
import { secrets } from './pages/admin/Secrets';
import { useMe } from './lib/me';

// Each resource has form values of its own type; any stands for whichever.
const adminResources: Resource<any>[] = [users, groups, instanceTypes, images, volumes, secrets];

export function ConsoleRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/callback" element={<CallbackPage />} />
      <Route
        path="/notebook-login"
        element={
          <RequireAuth>
            <NotebookLoginPage />
          </RequireAuth>
        }
      />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<HomePage />} />
        <Route path="notebooks" element={<NotebooksPage />} />
        <Route path="notebooks/new" element={<LaunchNotebookPage />} />
        <Route path="jobs" element={<JobsPage />} />
        <Route path="jobs/new" element={<SubmitJobPage />} />
        <Route path="schedules" element={<SchedulesPage />} />
        <Route path="schedules/new" element={<ScheduleFormPage />} />
        <Route path="schedules/:id" element={<ScheduleFormPage />} />
        <Route path="profiles" element={<ProfilesPage />} />
        <Route path="apps" element={<AppsPage />} />
        <Route path="apps/store" element={<AppStorePage />} />
        <Route path="apps/install/:template" element={<InstallAppPage />} />
        <Route path="deployments" element={<DeploymentsPage />} />
        <Route path="deployments/new" element={<NewDeploymentPage />} />
        <Route path="deployments/:id" element={<DeploymentPage />} />
        <Route path="api-tokens" element={<ApiTokensPage />} />
        <Route path="my-groups" element={<MyGroupsPage />} />
        <Route path="admin/system" element={<AdminOnly><SystemPage /></AdminOnly>} />
        <Route path="admin/notebooks" element={<AdminOnly><NotebooksAdminPage /></AdminOnly>} />
        {adminResources.map((r) => [
          <Route key={r.path} path={r.path} element={<AdminOnly><ResourceList resource={r} /></AdminOnly>} />,
          <Route key={`${r.path}/new`} path={`${r.path}/new`} element={<AdminOnly><ResourceFormPage resource={r} /></AdminOnly>} />,
          <Route key={`${r.path}/:id`} path={`${r.path}/:id`} element={<AdminOnly><ResourceFormPage resource={r} /></AdminOnly>} />,
        ])}
        <Route path="*" element={<Result status="404" title="No such page" />} />
      </Route>
    </Routes>
  );
}

/** The admin portal is for system administrators; the API refuses others anyway. */
function AdminOnly({ children }: { children: ReactNode }) {
  const { data: me } = useMe();
  return me?.isAdmin ? children : <Result status="403" title="For administrators only" />;
}
