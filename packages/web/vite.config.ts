import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// Pages that must open with no signal: their code is precached with the shell.
const OFFLINE_PAGES = [/\/src\/activity\/LogPage\.tsx$/];

/**
 * Writes /sw.js from offline/sw.js with the list of files the app shell needs: index.html, the
 * entry chunk with its static imports and styles, and the offline pages' chunks. Other chunks
 * are cached when first fetched.
 */
function offlineShell(): Plugin {
  return {
    name: 'sirem-offline-shell',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      type Chunk = Extract<(typeof bundle)[string], { type: 'chunk' }>;
      const chunks = Object.values(bundle).filter((f): f is Chunk => f.type === 'chunk');
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const files = new Set<string>();
      const take = (chunk: Chunk | undefined) => {
        if (!chunk || files.has(chunk.fileName)) return;
        files.add(chunk.fileName);
        for (const css of chunk.viteMetadata?.importedCss ?? []) files.add(css);
        for (const dep of chunk.imports) take(byName.get(dep));
      };
      for (const c of chunks) if (c.isEntry || OFFLINE_PAGES.some((p) => p.test(c.facadeModuleId ?? ''))) take(c);
      const urls = ['/index.html', ...[...files].sort().map((f) => `/${f}`)];
      const version = createHash('sha256').update(urls.join('\n')).digest('hex').slice(0, 12);
      const template = readFileSync(new URL('./offline/sw.js', import.meta.url), 'utf8');
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: template.replace('self.__PRECACHE__', JSON.stringify({ version, urls })) });
    },
  };
}

export default defineConfig({
  plugins: [react(), offlineShell()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 800 },
  server: { port: 5173, proxy: { '/api': 'http://localhost:3000' } },
});
