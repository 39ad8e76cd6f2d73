import { Descriptions } from 'antd';
import type { ReactNode } from 'react';
import { capitalAmount } from '../../../format/capital';
import { formatBusinessDate } from '../../../format/dates';
import { formatFen } from '../../../format/money';
import { useI18n } from '../../../i18n';
import { clusterName, programName, useCatalog, zoneName } from '../../../services/catalog';
import type { ProjectView } from '../../../services/schemas';

export function Registration({ p, extra }: { p: ProjectView; extra?: ReactNode }) {
  const { t } = useI18n();
  const catalog = useCatalog();
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
          { key: 'program', label: t('project.program'), children: t('ui.nameWithCode', { name: programName(catalog, p.programCode), code: p.programCode }) },
          { key: 'zone', label: t('project.zone'), children: t('project.zoneWithCity', { zone: t('ui.nameWithCode', { name: zoneName(catalog, p.zoneId), code: p.zoneId }), city: p.city ?? '—', where: p.insideZone ? t('project.insideZone') : t('project.outsideZone') }) },
          { key: 'cluster', label: t('project.cluster'), children: t('ui.nameWithCode', { name: clusterName(catalog, p.clusterId), code: p.clusterId }) },
          { key: 'signed', label: t('project.signedOn'), children: formatBusinessDate(p.contract.signedOn) },
          {
            key: 'period',
            label: t('project.period'),
            children: t('project.periodRange', { from: formatBusinessDate(p.contract.startsOn), to: formatBusinessDate(p.contract.endsOn) }),
          },
          { key: 'investment', label: t('project.newInvestment'), children: formatFen(p.newInvestmentFen) },
          {
            key: 'province',
            label: t('project.provinceGrant'),
            span: 'filled',
            children: t('project.amountInWords', { amount: formatFen(p.contract.provinceGrantFen), words: capitalAmount(p.contract.provinceGrantFen) }),
          },
          {
            key: 'zoneGrant',
            label: t('project.zoneGrant'),
            span: 'filled',
            children: t('project.amountInWords', { amount: formatFen(p.contract.zoneGrantFen), words: capitalAmount(p.contract.zoneGrantFen) }),
          },
          ...(changed
            ? [
                {
                  key: 'registered',
                  label: t('project.registeredContract'),
                  span: 'filled' as const,
                  children: t('project.registeredContractText', { provinceAmount: formatFen(p.registeredContract.provinceGrantFen), zoneAmount: formatFen(p.registeredContract.zoneGrantFen), endsOn: p.registeredContract.endsOn }),
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
