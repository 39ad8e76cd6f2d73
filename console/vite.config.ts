/**
 * The web console's build. One build serves every stage: the API address and the sign-in method
 * come from /config.json at run time (src/config.ts), never from build-time variables.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const consoleRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: consoleRoot,
  base: '/',
  plugins: [react()],
  // The shared modules (domain/money.ts, functions/lib/schemas/, functions/lib/messages/) live above console/.
  server: {
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
    // `npx vite console` during development: the API (npm start) answers these paths.
    proxy: Object.fromEntries(
      ['/projects', '/alerts', '/programs', '/zones', '/clusters', '/reports', '/activity', '/allocation-documents', '/imports/projects', '/digests', '/local', '/config.json', '/health'].map((path) => [
        path,
        {
          target: process.env.FUNDLEDGER_API ?? 'http://127.0.0.1:3000',
          // Page loads of console addresses stay with Vite; API calls (Accept: application/json) go on.
          bypass: (req: { headers: Record<string, string | string[] | undefined> }) =>
            String(req.headers.accept ?? '').includes('text/html') ? '/index.html' : undefined,
        },
      ]),
    ),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The manifest (dist/.vite/manifest.json) is how scripts/build.ts finds the entry chunk and
    // its static imports, to hold the initial JavaScript to its budget.
    manifest: true,
    // antd's route chunks are large but lazy; the budget that matters is checked by scripts/build.ts.
    chunkSizeWarningLimit: 1200,
    reportCompressedSize: false,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod 4 places esbuild-oriented /* @__PURE__ */ notes where Rollup cannot use them; harmless.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/node_modules/zod/')) return;
        warn(warning);
      },
    },
  },
});
