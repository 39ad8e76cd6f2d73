/**
 * Who may read what beyond a project: one list for the API (which refuses everyone else) and the
 * console (which offers the page, and its menu entry, to these roles only). Who may post each
 * entry kind is the catalogue's (domain/project/kinds).
 */
import type { Role } from './project/types';

/** Allocation documents (计划下达文件): the province's readers. */
export const DOCUMENT_READERS: readonly Role[] = ['finance-officer', 'admin', 'auditor'];

/** Who registers projects (by form or Excel import): the registration kind's roles (domain/project/kinds/registration.ts uses this list). */
export const REGISTRATION_ROLES: readonly Role[] = ['finance-officer'];

/** Budget indicators (预算指标): read by these roles; finance officers alone write them. */
export const BUDGET_READERS: readonly Role[] = ['finance-officer', 'admin', 'auditor'];

/** The execution report (支出进度): the province's readers, and zones and cities for their own rows. */
export const EXECUTION_READERS: readonly Role[] = ['finance-officer', 'admin', 'auditor', 'zone-committee', 'city-bureau'];
