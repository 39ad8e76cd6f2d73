/**
 * What has no evidence where the program requires it (its `evidenceRequired`): the entries of the
 * projects in scope still waiting for their files, oldest first, with the day evidence-missing is
 * raised after. A zone committee sees what zone committees posted, a finance officer what finance
 * officers posted (who is to provide the file); the other roles everything in their scope. The two
 * roles that provide files always see the section, saying so when nothing is owed, so that an empty
 * list reads as "nothing owed" rather than as a missing feature; the others only when it has rows.
 */
import { Col, Row } from 'antd';
import { compareDates, daysBetween } from '../../../../domain/dates';
import type { Role } from '../../auth/types';
import { useWords } from '../../components/evidence/words';
import { ToneTag } from '../../components/Labels';
import { useI18n } from '../../i18n';
import type { AwaitingEvidence, ProjectSummary } from '../../services/schemas';
import { amount, projectColumn, Section, TodoTable } from './parts';

type Missing = AwaitingEvidence & { projectId: string; title: string };

export function EvidenceMissing({ projects, role, today }: { projects: readonly ProjectSummary[]; role: Role; today: string }) {
  const w = useWords();
  const { label, t } = useI18n();
  const provides = role === 'zone-committee' || role === 'finance-officer';
  const mine = (a: AwaitingEvidence) => (provides ? a.role === role : true);
  const rows: Missing[] = projects
    .flatMap((p) => p.awaitingEvidence.filter(mine).map((a) => ({ ...a, projectId: p.projectId, title: p.title })))
    .sort((a, b) => compareDates(a.dueOn, b.dueOn));
  if (rows.length === 0 && !provides) return null;
  return (
    <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
      <Col span={24}>
        <Section title={w('evidence.overview.title')} count={rows.length} testId="todo-evidence">
          <TodoTable<Missing>
            rows={rows}
            empty={w('evidence.overview.none')}
            rowKey="entryId"
            columns={[
              { ...projectColumn<Missing>(t), title: w('evidence.overview.project') },
              { title: w('evidence.overview.entry'), dataIndex: 'entryId', render: (id: string, r) => <><code>{id}</code> {label('entry', r.type)}</> },
              { title: w('evidence.overview.amount'), dataIndex: 'amountFen', align: 'right', render: (fen: number | null) => (fen === null ? '—' : amount(fen)) },
              { title: w('evidence.overview.valueDate'), dataIndex: 'valueDate' },
              {
                title: w('evidence.overview.dueOn'),
                dataIndex: 'dueOn',
                render: (d: string) => (compareDates(d, today) < 0 ? <ToneTag tone="red">{w('evidence.overview.overdue', { dueOn: d, days: daysBetween(d, today) })}</ToneTag> : d),
              },
            ]}
          />
        </Section>
      </Col>
    </Row>
  );
}
