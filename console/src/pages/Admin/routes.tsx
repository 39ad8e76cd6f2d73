/** The admin pages' addresses; each page is its own chunk, loaded when first visited. */
import { lazy } from 'react';
import { Route } from 'react-router';

const ProgramsPage = lazy(() => import('./Programs'));
const ProgramPage = lazy(() => import('./Program'));
const ProgramNewPage = lazy(() => import('./ProgramNew'));
const ZonesPage = lazy(() => import('./Zones'));
const ClustersPage = lazy(() => import('./Clusters'));
const ClusterPage = lazy(() => import('./Cluster'));
const SweepPage = lazy(() => import('./Sweep'));
const DigestsPage = lazy(() => import('./Digests'));

/** Routes inside the signed-in layout (a fragment: React Router reads its children). */
export function adminRoutes() {
  return (
    <>
      <Route path="admin/programs" element={<ProgramsPage />} />
      <Route path="admin/programs/new" element={<ProgramNewPage />} />
      <Route path="admin/programs/:code" element={<ProgramPage />} />
      <Route path="admin/zones" element={<ZonesPage />} />
      <Route path="admin/clusters" element={<ClustersPage />} />
      <Route path="admin/clusters/:clusterId" element={<ClusterPage />} />
      <Route path="admin/sweep" element={<SweepPage />} />
      <Route path="admin/digests" element={<DigestsPage />} />
    </>
  );
}
