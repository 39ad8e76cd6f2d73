import type { Reply, RouteImpl } from '../lib/http/handler';
import { registrationTemplate } from '../lib/excel/registrations';
import { fileReply } from '../lib/files';
import { XLSX } from '../lib/schemas';
import { listClusters, listPrograms, listZones } from '../lib/storage/catalog-store';

/** The registration template with the catalog's current programs, zones and open clusters in its dropdowns. */
async function template(): Promise<Reply> {
  const [programs, zones, clusters] = await Promise.all([listPrograms(), listZones(), listClusters()]);
  const bytes = await registrationTemplate({
    programs: programs.map((p) => ({ code: p.code, name: p.name })),
    zones: zones.map((z) => ({ zoneId: z.zoneId, name: z.name })),
    clusters: clusters.filter((c) => !c.closedOn).map((c) => ({ clusterId: c.clusterId, name: c.name })),
  });
  return fileReply(bytes, '项目登记模板.xlsx', XLSX);
}

/** A read route, served by the read function; uploads are read by the write function (imports.ts). */
export const importReads: Record<string, RouteImpl> = { 'GET /imports/projects/template.xlsx': template };
