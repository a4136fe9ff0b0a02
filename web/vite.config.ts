import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built files go under /static rather than Vite's default /assets: /assets/<key> is a client route
// (the asset register), and the server answers every unknown path with index.html.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    assetsDir: 'static',
    rolldownOptions: {
      output: {
        // React changes less often than the app: its own chunk stays cached across releases. Other
        // libraries (Mantine, the charts) are split with the pages that use them, so the first
        // page ships only the components it renders (docs/performance.md, web first load).
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/,
            },
          ],
        },
      },
    },
  },
  // `npx vite --config web/vite.config.ts` serves the app with hot reload; the API calls go to a
  // running Plumbline server (PLUMBLINE_DEV_API, default http://localhost:8080).
  server: {
    proxy: { '/api': process.env.PLUMBLINE_DEV_API ?? 'http://localhost:8080' },
  },
});
