import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The web's own code shared by pages: components, API hooks, permissions, the typed client. Not
 * src/platform or src/modules: a server schema a page imports brings zod with it, which stays with
 * the pages that need it (the CAPA pages, through web/src/api/capas.ts).
 */
const SHARED_APP_CODE = /[\\/](web[\\/]src[\\/](components|api|auth|layout)|src[\\/]shared)[\\/]/;
const WITH_SCHEMAS = /[\\/]web[\\/]src[\\/]api[\\/]capas\.ts$/;

/** The chunk every page loads after the shell: fetched with it instead of after it has run. */
const EVERY_PAGE_CHUNKS = ['common'];

/**
 * Adds a modulepreload link to index.html for each of these chunks: the browser fetches them
 * beside the shell, where otherwise it would only ask for them once the shell had run and the
 * router had imported the page.
 */
function preloadChunks(names: readonly string[]): Plugin {
  return {
    name: 'plumbline-preload-chunks',
    transformIndexHtml: {
      order: 'post',
      handler: (_html, { bundle }) =>
        Object.values(bundle ?? {})
          .filter((output) => output.type === 'chunk' && names.includes(output.name))
          .map((chunk) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `/${chunk.fileName}` },
            injectTo: 'head' as const,
          })),
    },
  };
}

// Built files go under /static rather than Vite's default /assets: /assets/<key> is a client route
// (the asset register), and the server answers every unknown path with index.html.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), preloadChunks(EVERY_PAGE_CHUNKS)],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    assetsDir: 'static',
    rolldownOptions: {
      output: {
        // Few requests on the way to the first page (docs/performance.md, web first load):
        // - React changes less often than the app: its own chunk stays cached across releases.
        // - The shell (everything index.html's script imports statically) is one chunk, not the
        //   twenty small ones that sharing with the pages would cut it into.
        // - The web's own code that two or more pages share is one chunk, fetched with the shell.
        //   Mantine's components stay split with the pages that use them: one chunk of every
        //   component shared by two pages cost 21 kB more gzipped on each first page and was no
        //   faster (docs/performance.md); zod, with a server schema, stays with the CAPA pages.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/,
              priority: 2,
            },
            { name: 'shell', tags: ['$initial'], priority: 1 },
            {
              name: 'common',
              test: (id) => SHARED_APP_CODE.test(id) && !WITH_SCHEMAS.test(id),
              minShareCount: 2,
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
