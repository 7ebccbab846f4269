import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Monaco/Vite pitfalls and their fixes are explained in ../shared/STACK.md (kept in README).
export default defineConfig({
  base: './',
  plugins: [react()],
  resolve: {
    alias: [{ find: /^monaco-editor\/esm\/vs\/(.*)$/, replacement: 'monaco-editor/$1' }],
  },
  worker: { format: 'es' },
  optimizeDeps: { include: ['js-yaml', 'monaco-yaml/yaml.worker.js'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
});
