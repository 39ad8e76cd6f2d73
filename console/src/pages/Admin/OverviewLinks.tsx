/** The admin overview's promise kept: where programs, zones, clusters, the sweep and digests are. */
import { Card, List, theme } from 'antd';
import { Link } from 'react-router';
import type { TermId } from '../../../../domain/glossary/with-console';
import { useAuth } from '../../auth/context';
import { ADMIN_PAGES, offered } from './menu';
import { useWords } from './words';

const DESCRIPTIONS: Record<keyof typeof ADMIN_PAGES, TermId> = {
  programs: 'admin.overview.programs',
  zones: 'admin.overview.zones',
  clusters: 'admin.overview.clusters',
  sweep: 'admin.overview.sweep',
  digests: 'admin.overview.digests',
};

export function AdminLinks() {
  const w = useWords();
  const { token } = theme.useToken();
  const roles = useAuth().identity?.roles ?? [];
  const pages = (Object.keys(ADMIN_PAGES) as (keyof typeof ADMIN_PAGES)[]).filter((k) => offered(ADMIN_PAGES[k], roles));
  return (
    <Card title={w('admin.overview.title')} data-testid="admin-links" style={{ height: '100%' }}>
      <List
        size="small"
        dataSource={pages}
        renderItem={(k) => (
          <List.Item>
            <List.Item.Meta
              avatar={ADMIN_PAGES[k].icon}
              title={
                <Link to={ADMIN_PAGES[k].path} style={{ color: token.colorLink }}>
                  {w(ADMIN_PAGES[k].term)}
                </Link>
              }
              description={w(DESCRIPTIONS[k])}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
