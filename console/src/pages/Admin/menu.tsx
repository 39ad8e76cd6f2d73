/**
 * Where the admin pages are, who is offered each, and their menu entries. The API decides again
 * on every request (docs/api.md, route × role): programs, zones and clusters are read by every
 * role; the sweep is the admin's; digests are read by everyone and made by the admin, and offered
 * in the menu to those whose work they serve (the admin who makes them, the auditor who checks
 * against them).
 */
import { ClusterOutlined, DeploymentUnitOutlined, EnvironmentOutlined, ProfileOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { term, type Language, type TermId } from '../../../../domain/glossary/with-console';
import { ROLES, type Role } from '../../auth/types';

export interface AdminPage {
  path: string;
  term: TermId;
  icon: ReactNode;
  /** Offered in the menu and on the overview to these roles. */
  roles: readonly Role[];
}

export const ADMIN_PAGES = {
  programs: { path: '/admin/programs', term: 'admin.nav.programs', icon: <ProfileOutlined />, roles: ROLES },
  zones: { path: '/admin/zones', term: 'admin.nav.zones', icon: <EnvironmentOutlined />, roles: ROLES },
  clusters: { path: '/admin/clusters', term: 'admin.nav.clusters', icon: <ClusterOutlined />, roles: ROLES },
  sweep: { path: '/admin/sweep', term: 'admin.nav.sweep', icon: <DeploymentUnitOutlined />, roles: ['admin'] },
  digests: { path: '/admin/digests', term: 'admin.nav.digests', icon: <SafetyCertificateOutlined />, roles: ['admin', 'auditor'] },
} as const satisfies Record<string, AdminPage>;

export const offered = (page: AdminPage, roles: readonly Role[]) => page.roles.some((r) => roles.includes(r));

type MenuItem = NonNullable<MenuProps['items']>[number];

/** The menu's group of admin pages, with the entries this person is offered. */
export function adminMenuItems(roles: readonly Role[], language: Language): MenuItem[] {
  const pages = Object.values(ADMIN_PAGES).filter((p) => offered(p, roles));
  if (pages.length === 0) return [];
  return [
    {
      type: 'group',
      key: 'admin',
      label: term('admin.nav.group', language),
      children: pages.map((p) => ({ key: p.path, icon: p.icon, label: <Link to={p.path}>{term(p.term, language)}</Link> })),
    },
  ];
}

/** The menu key of an admin address (its page's own path), or null for any other address. */
export function adminMenuKey(pathname: string): string | null {
  return Object.values(ADMIN_PAGES).find((p) => pathname === p.path || pathname.startsWith(`${p.path}/`))?.path ?? null;
}
