/**
 * A cluster's usage against its caps: per funder the money counted (allocations, pending a match
 * included) against the program's cluster cap, and the project count against the cluster quota.
 * The bar's share is for the eye only; the figures beside it are exact 元 from integer fen.
 */
import { Flex, Progress, Typography } from 'antd';
import type { FunderNames } from '../../../../domain/glossary/with-console';
import type { Cluster } from '../../services/schemas';
import { useWords, useYuan } from './words';

type Line = Cluster['usage']['province'];

/** Whole per cent of the cap, at most 100 (integer arithmetic on fen). */
const percentOf = (used: number, limit: number) => (limit <= 0 ? 100 : Math.min(100, Math.floor((used * 100) / limit)));

function Bar({ label, percent, over, text, testId, compact }: { label: string | null; percent: number | null; over: boolean; text: string; testId: string; compact: boolean }) {
  return (
    <div data-testid={testId} style={{ minWidth: compact ? 200 : undefined }}>
      {label !== null && (
        <div>
          <Typography.Text strong={!compact} style={compact ? { fontSize: 12 } : undefined}>
            {label}
          </Typography.Text>
        </div>
      )}
      {percent !== null && (
        <Progress percent={percent} size={compact ? 'small' : 'default'} status={over ? 'exception' : 'normal'} aria-label={`${label ?? ''} ${text}`.trim()} style={{ marginBottom: 0 }} />
      )}
      <div>
        <Typography.Text type="secondary" style={{ fontSize: compact ? 12 : 14 }} data-testid={`${testId}-text`}>
          {text}
        </Typography.Text>
      </div>
    </div>
  );
}

export function FundUsage({ line, funder, funders, compact = false }: { line: Line; funder: 'province' | 'zone'; funders: FunderNames; compact?: boolean }) {
  const w = useWords();
  const yuan = useYuan();
  const label = w('admin.cluster.fundUsage', { funder: w(`funder.${funder}`, {}, funders) });
  const text =
    line.limitFen === null
      ? w('admin.cluster.usageNoCap', { used: yuan(line.allocatedFen) })
      : w('admin.cluster.usageText', { used: yuan(line.allocatedFen), limit: yuan(line.limitFen), headroom: yuan(line.headroomFen ?? 0) });
  return (
    <Bar
      label={label}
      percent={line.limitFen === null ? null : percentOf(line.allocatedFen, line.limitFen)}
      over={line.limitFen !== null && line.allocatedFen > line.limitFen}
      text={text}
      testId={`usage-${funder}`}
      compact={compact}
    />
  );
}

export function ProjectUsage({ projects, compact = false }: { projects: Cluster['usage']['projects']; compact?: boolean }) {
  const w = useWords();
  const text = projects.limit === null ? w('admin.cluster.projectsNoCap', { count: projects.count }) : w('admin.cluster.projectsText', { count: projects.count, limit: projects.limit });
  return (
    <Bar
      // In a list the column says what it is.
      label={compact ? null : w('admin.cluster.projects')}
      percent={projects.limit === null ? null : percentOf(projects.count, projects.limit)}
      over={projects.limit !== null && projects.count > projects.limit}
      text={text}
      testId="usage-projects"
      compact={compact}
    />
  );
}

export function ClusterUsage({ cluster, funders }: { cluster: Cluster; funders: FunderNames }) {
  return (
    <Flex vertical gap={16}>
      <FundUsage line={cluster.usage.province} funder="province" funders={funders} />
      <FundUsage line={cluster.usage.zone} funder="zone" funders={funders} />
      <ProjectUsage projects={cluster.usage.projects} />
    </Flex>
  );
}
