/**
 * The project's data tools: verify the hash chain (optionally against a daily digest) and export
 * the history (CSV, Excel). Each is a TanStack mutation: asked for, not cached.
 */
import { useMutation } from '@tanstack/react-query';
import { App } from 'antd';
import { apiPath, ApiError, useApi } from '../../services/api';
import { saveBlob } from '../../services/download';
import { verifyOut } from '../../services/schemas';

export function useVerify(projectId: string) {
  const api = useApi();
  return useMutation({
    mutationFn: (digest: string | null) => api.get(apiPath`/projects/${projectId}/verify`, verifyOut, digest ? { query: { digest } } : {}),
  });
}

const ACCEPT = { csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

export function useHistoryExport(projectId: string, asOf: string | undefined) {
  const api = useApi();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: async (ext: keyof typeof ACCEPT) => {
      const { blob, filename } = await api.download(`${apiPath`/projects/${projectId}`}/history.${ext}`, ACCEPT[ext], asOf ? { query: { to: asOf } } : {});
      saveBlob(blob, filename);
    },
    onError: (err: unknown) => void message.error(err instanceof ApiError ? err.message : String(err)),
  });
}
