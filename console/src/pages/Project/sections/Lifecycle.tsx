import { Button, Descriptions, Flex, Space, Typography } from 'antd';
import { ResultTag, ToneTag } from '../../../components/Labels';
import { formatFen, formatYuanDigits } from '../../../format/money';
import { useI18n } from '../../../i18n';
import type { ProjectView } from '../../../services/schemas';

/** Hold, acceptance, inspections and a recovery due. */
export function Lifecycle({ project, onRelease }: { project: ProjectView; onRelease?: () => void }) {
  const { label } = useI18n();
  const a = project.acceptance;
  const items = [
    {
      key: 'hold',
      label: '暂停拨付',
      children: project.hold ? (
        <Space wrap>
          <ToneTag tone="gold">自 {project.hold.since} 起暂停</ToneTag>
          <code>{project.hold.entryId}</code>
          {onRelease && (
            <Button size="small" onClick={onRelease}>
              解除暂停
            </Button>
          )}
        </Space>
      ) : (
        '未暂停'
      ),
    },
    {
      key: 'acceptance',
      label: '验收',
      children: a ? (
        <Space wrap>
          <span>{a.appliedOn} 申请</span>
          {a.result ? (
            <>
              <ResultTag result={a.result} />
              <span>{a.decidedOn} 结论</span>
            </>
          ) : (
            <ToneTag tone="blue">待验收结论</ToneTag>
          )}
        </Space>
      ) : (
        '尚未申请'
      ),
    },
    {
      key: 'inspections',
      label: '检查（各类最近一次）',
      children:
        project.inspections.length === 0 ? (
          '尚无检查记录'
        ) : (
          <Flex vertical gap={4}>
            {project.inspections.map((i) => (
              <Space key={i.entryId} wrap data-testid="inspection">
                <span>{label('inspection', i.kind)}</span>
                <span>{i.inspectedOn}</span>
                <ResultTag result={i.result} />
                {i.result !== 'pass' && <Typography.Text type="danger">发现问题</Typography.Text>}
              </Space>
            ))}
          </Flex>
        ),
    },
    {
      key: 'recovery',
      label: '应收回',
      children: project.recoveryDue ? (
        <Space wrap data-testid="recovery-due">
          <span>应收回 {formatFen(project.recoveryDue.amountFen)}</span>
          <span>期限 {project.recoveryDue.dueOn}</span>
          <span>已收回 {formatFen(project.recoveryDue.recoveredFen)}</span>
          {project.recoveryDue.outstandingFen > 0 ? <ToneTag tone="red">尚欠 {formatYuanDigits(project.recoveryDue.outstandingFen)} 元</ToneTag> : <ToneTag tone="green">已收齐</ToneTag>}
        </Space>
      ) : (
        '无'
      ),
    },
  ];
  return <Descriptions size="small" column={1} bordered items={items} />;
}
