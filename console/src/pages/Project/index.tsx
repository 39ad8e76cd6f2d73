/**
 * /projects/:projectId — one project: contract, balances per funder (the program's funder names),
 * limits with headroom and exceptions, schedule, pending allocations, proposals (four-eyes),
 * lifecycle, alerts, the history as a table and a timeline, verify (optionally against a daily
 * digest), an as-of view, CSV/XLSX exports, and every write the signed-in role may make here.
 *
 * The data controls (as-of, verify, exports) show only with a project the person may read.
 */
import { Alert, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useAuth } from '../../auth/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ProjectStatusTag } from '../../components/Labels';
import { PageSpinner } from '../../components/PageSpinner';
import { PageTitle } from '../../components/PageTitle';
import { FunderNamesScope, useI18n } from '../../i18n';
import { ApiError } from '../../services/api';
import { programOf, useCatalog } from '../../services/catalog';
import { useHistory, useProject } from '../../services/project';
import { ActionDialog, type OpenAction } from './actions';
import { AsOfNotice, DataControls } from './DataControls';
import { ProjectBody } from './ProjectBody';
import { useVerify } from './tools';
import { VerifyOutcome } from './VerifyOutcome';

export default function ProjectPage() {
  const { projectId = '' } = useParams();
  const [params] = useSearchParams();
  const asOf = params.get('asOf') ?? undefined;
  const { t } = useI18n();
  const { identity } = useAuth();
  const catalog = useCatalog();
  const project = useProject(projectId, asOf);
  const history = useHistory(projectId, asOf);
  const verify = useVerify(projectId);
  const [open, setOpen] = useState<OpenAction | null>(null);

  const p = project.data;
  // A verification speaks of the entries there were: a project that changed since (a write here,
  // or another person's seen on a refresh) needs verifying again.
  const resetVerify = verify.reset;
  useEffect(() => resetVerify(), [p, resetVerify]);
  const notFound = project.error instanceof ApiError && project.error.status === 404;

  return (
    <>
      <Link to="/projects">{t('project.backToTheProjectList')}</Link>
      <PageTitle title={p ? p.title : projectId} extra={p ? <DataControls projectId={projectId} asOf={asOf} verify={verify} /> : null} />
      {p && (
        <Space wrap style={{ marginTop: -8, marginBottom: 12 }}>
          <ProjectStatusTag status={p.status} />
          <code>{p.projectId}</code>
          <Typography.Text type="secondary">{p.owner.name}</Typography.Text>
        </Space>
      )}
      {p && asOf && <AsOfNotice asOf={asOf} />}
      {p && verify.data && <VerifyOutcome result={verify.data} digest={verify.variables ?? null} />}
      {p && verify.error ? <ErrorAlert error={verify.error} onRetry={() => verify.mutate(verify.variables ?? null)} /> : null}
      {notFound ? <Alert type="warning" showIcon title={t('project.notFound')} style={{ marginBottom: 16 }} data-testid="project-refused" /> : null}
      {project.error && !notFound ? <ErrorAlert error={project.error} onRetry={() => void project.refetch()} /> : null}
      {project.isPending ? <PageSpinner /> : null}
      {p && (
        <FunderNamesScope names={p.funderNames}>
        <ProjectBody
          project={p}
          history={history}
          identity={identity}
          readOnly={Boolean(asOf)}
          verify={verify}
          onAction={setOpen}
        />
        </FunderNamesScope>
      )}
      {p && open && (
        <FunderNamesScope names={p.funderNames}>
        <ActionDialog
          action={open}
          project={p}
          identity={identity}
          program={programOf(catalog, p.programCode)}
          onClose={() => setOpen(null)}
        />
        </FunderNamesScope>
      )}
    </>
  );
}
