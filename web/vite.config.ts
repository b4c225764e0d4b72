/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

// The console is served by primehub at /console/ and embedded from
// internal/console/static/dist (see internal/console/console.go).
// @vitejs/plugin-react is not used: esbuild's JSX transform is all the build needs.
export default defineConfig({
  base: '/console/',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: '../internal/console/static/dist',
    emptyOutDir: true,
    // Ant Design is most of the bundle; one file of about 1.3 MB (400 kB gzipped) is fine
    // for a console that is cached once per release.
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      // Ant Design marks its modules "use client" for React Server Components; a client
      // bundle has nothing to do with it.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  // `npm run dev` against a local `primehub serve` on :8080 started with
  // --oidc-redirect-uris=http://127.0.0.1:5173/console/callback,http://127.0.0.1:5173/
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/console/config.json': 'http://127.0.0.1:8080',
      '/console/notebook-ticket': 'http://127.0.0.1:8080',
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    // Ant Design in jsdom is slow, and this machine is shared: generous rather than flaky.
    testTimeout: 30_000,
  },
});
