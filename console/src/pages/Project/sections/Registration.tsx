import { Descriptions } from 'antd';
import type { ReactNode } from 'react';
import { capitalAmount } from '../../../format/capital';
import { formatBusinessDate } from '../../../format/dates';
import { formatFen } from '../../../format/money';
import { useI18n } from '../../../i18n';
import type { ProjectView } from '../../../services/schemas';

export function Registration({ p, extra }: { p: ProjectView; extra?: ReactNode }) {
  const { t } = useI18n();
  const changed = p.contract.provinceGrantFen !== p.registeredContract.provinceGrantFen || p.contract.zoneGrantFen !== p.registeredContract.zoneGrantFen || p.contract.endsOn !== p.registeredContract.endsOn;
  return (
    <>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          { key: 'id', label: t('projects.col.projectId'), children: <code>{p.projectId}</code> },
          { key: 'owner', label: t('project.owner'), children: p.owner.name },
          { key: 'credit', label: t('project.creditCode'), children: <code>{p.owner.creditCode}</code> },
          { key: 'program', label: t('project.program'), children: p.programCode },
          { key: 'zone', label: t('project.zone'), children: `${p.zoneId}${p.city ? ` · ${p.city}` : ''}（${p.insideZone ? t('project.insideZone') : t('project.outsideZone')}）` },
          { key: 'cluster', label: t('project.cluster'), children: p.clusterId },
          { key: 'signed', label: t('project.signedOn'), children: formatBusinessDate(p.contract.signedOn) },
          {
            key: 'period',
            label: t('project.period'),
            children: t('project.periodRange', { from: formatBusinessDate(p.contract.startsOn), to: formatBusinessDate(p.contract.endsOn) }),
          },
          { key: 'investment', label: t('project.newInvestment'), children: formatFen(p.newInvestmentFen) },
          {
            key: 'province',
            label: `${p.funderNames.province}资助`,
            span: 'filled',
            children: `${formatFen(p.contract.provinceGrantFen)}（${t('common.capital')}：${capitalAmount(p.contract.provinceGrantFen)}）`,
          },
          {
            key: 'zoneGrant',
            label: `${p.funderNames.zone}资助`,
            span: 'filled',
            children: `${formatFen(p.contract.zoneGrantFen)}（${t('common.capital')}：${capitalAmount(p.contract.zoneGrantFen)}）`,
          },
          ...(changed
            ? [
                {
                  key: 'registered',
                  label: '登记时合同',
                  span: 'filled' as const,
                  children: `${p.funderNames.province} ${formatFen(p.registeredContract.provinceGrantFen)}，${p.funderNames.zone} ${formatFen(p.registeredContract.zoneGrantFen)}，至 ${p.registeredContract.endsOn}（已经批准调整）`,
                },
              ]
            : []),
          { key: 'asOf', label: t('project.asOf'), children: formatBusinessDate(p.asOf) },
        ]}
      />
      {extra}
    </>
  );
}
