import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Writes the service worker's precache list (public/sw.js -> dist/sw.js) after the build: every
 * file of dist/ but the worker itself, and a version hashed from their contents, so a new build
 * is a new worker. Paths are relative, so the site works from any sub-path.
 */
function precacheManifest(): Plugin {
  const marker = 'self.__PRECACHE_MANIFEST__';
  let outDir = 'dist';
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
    );
  return {
    name: 'precache-manifest',
    apply: 'build',
    configResolved: (config) => {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const worker = join(outDir, 'sw.js');
      const source = readFileSync(worker, 'utf8');
      if (!source.includes(marker)) throw new Error(`${worker} has no ${marker} to fill in`);
      const hash = createHash('sha256');
      const files = walk(outDir)
        .map((path) => relative(outDir, path).split(sep).join('/'))
        .filter((file) => file !== 'sw.js' && !file.endsWith('.map'))
        .sort();
      for (const file of files) hash.update(file).update(readFileSync(join(outDir, file)));
      const manifest = { version: hash.digest('hex').slice(0, 16), files };
      writeFileSync(worker, source.replace(marker, JSON.stringify(manifest)));
    },
  };
}

// Monaco/Vite pitfalls and their fixes are explained in ../shared/STACK.md (kept in README).
export default defineConfig({
  base: './',
  plugins: [react(), precacheManifest()],
  resolve: {
    alias: [{ find: /^monaco-editor\/esm\/vs\/(.*)$/, replacement: 'monaco-editor/$1' }],
  },
  worker: { format: 'es' },
  optimizeDeps: { include: ['js-yaml', 'monaco-yaml/yaml.worker.js'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
});
