import { Button, Empty, Flex, Space, Typography } from 'antd';
import { approvalOffer } from '../../../auth/permissions';
import { APPROVAL_OF } from '../actions';
import type { Identity } from '../../../auth/types';
import { ToneTag } from '../../../components/Labels';
import { formatFen } from '../../../format/money';
import { useI18n, type I18n } from '../../../i18n';
import type { ProjectView, Proposal } from '../../../services/schemas';

/** Proposals waiting for a second person: who proposed, and the approve button (disabled for the proposer, with why). */
export function Proposals({ project, identity, onApprove, readOnly }: { project: ProjectView; identity: Identity | null; onApprove: (p: Proposal) => void; readOnly: boolean }) {
  const { t, label } = useI18n();
  if (project.proposals.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ui.noProposalsAwaitingApproval')} />;
  return (
    <Flex vertical gap={12} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {project.proposals.map((p) => {
        const offer = readOnly ? null : approvalOffer(identity, APPROVAL_OF[p.kind], p.proposedBy);
        return (
          <li key={p.entryId} data-testid="proposal" data-kind={p.kind} style={{ border: '1px solid #e5e7eb', borderRadius: 6, padding: 12 }}>
            <Flex justify="space-between" align="start" gap={12} wrap>
              <div>
                <Space wrap>
                  <ToneTag tone="gold">{label('proposal', p.kind)}</ToneTag>
                  <strong>{t('project.awaitingAnotherPersonSApproval')}</strong>
                  <code>{p.entryId}</code>
                </Space>
                <div style={{ marginTop: 6 }}>
                  {t('project.by')} <strong data-testid="proposed-by">{p.proposedBy}</strong> {t('project.on')}{p.proposedOn} {t('project.proposedAfter')}{p.reference ? t('project.text4', { reference: p.reference }) : ''}
                </div>
                <div style={{ marginTop: 4 }}>{proposalSummary(p, { t, label })}</div>
              </div>
              {offer && (
                <Flex vertical align="end" gap={4} style={{ maxWidth: 320 }}>
                  <Button type="primary" disabled={Boolean(offer.disabledReason)} onClick={() => onApprove(p)} aria-describedby={offer.disabledReason ? `why-${p.entryId}` : undefined}>
                    {t('ui.approve')}
                  </Button>
                  {offer.disabledReason && (
                    <Typography.Text type="secondary" id={`why-${p.entryId}`} data-testid="approve-disabled-reason" style={{ fontSize: 12, textAlign: 'end' }}>
                      {t(offer.disabledReason.id, offer.disabledReason.vars)}
                    </Typography.Text>
                  )}
                </Flex>
              )}
            </Flex>
          </li>
        );
      })}
    </Flex>
  );
}

/** What a proposal would change, in one line (the funders by the program's names: the page's FunderNamesScope). */
function proposalSummary(p: Proposal, { t, label }: Pick<I18n, 't' | 'label'>): string {
  if (p.kind === 'cap-exception') return t('project.capRaisedTo', { rule: label('rule', p.rule), limit: formatFen(p.limitFen) });
  if (p.kind === 'termination') return p.recoveryDue ? t('project.terminationWithRecovery', { amount: formatFen(p.recoveryDue.amountFen), dueOn: p.recoveryDue.dueOn }) : t('project.terminationNoRecovery');
  const c = p.change;
  const parts = [
    c.contract?.provinceGrantFen !== undefined ? t('project.provinceGrantTo', { amount: formatFen(c.contract.provinceGrantFen) }) : null,
    c.contract?.zoneGrantFen !== undefined ? t('project.zoneGrantTo', { amount: formatFen(c.contract.zoneGrantFen) }) : null,
    c.contract?.endsOn ? t('project.periodTo', { endsOn: c.contract.endsOn }) : null,
    c.newInvestmentFen !== undefined ? t('project.investmentTo', { amount: formatFen(c.newInvestmentFen) }) : null,
    c.schedule ? t('project.scheduleTo', { n: c.schedule.length }) : null,
  ].filter(Boolean);
  return parts.join(t('ui.listSeparator')) || label('proposal', 'adjustment');
}
