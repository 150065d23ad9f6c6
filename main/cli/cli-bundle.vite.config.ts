import { fileURLToPath } from 'node:url';

import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The shipped CLI, bundled (issue 15, cold start): `out/cli/ferry.js`, what package.json `bin`,
 * `npm run ferry` and every test that spawns ferry run. `npm run build:cli`; `npm run build`
 * and the integration tier's global setup run it after `tsc -b`.
 *
 * Why: unbundled, `ferry sync --once` loaded ~470 files and spent ~250 ms of its ~400 ms CPU in
 * Node's module loader (resolving, stat-ing and reading each file, and cjs-module-lexer over the
 * CommonJS builds of the SDK when imported from ESM); Node 20 has no compile cache. Bundled from
 * the TypeScript sources (not from out/), it loads a few dozen files of ESM.
 *
 * Lazy loading survives: each command ferry.ts imports on demand is its own chunk,
 * out/cli/commands/<command>.js (the bench imports commands/sync.js to time module loading),
 * and what those import on demand (the STS client, yaml, keytar's wrapper) lands in
 * out/cli/chunks/. test/integration/cli/cold-start-modules.test.ts reads the chunks' source
 * maps to hold each command to the code it may load.
 *
 * Not bundled: native modules (better-sqlite3, keytar, @parcel/watcher: .node binaries found
 * relative to their package), and what is loaded through `createRequire` at run time (ali-oss,
 * undici, the proxy agents, chokidar: main/adapters/system/lazy-modules.ts and select-watcher.ts;
 * the bundler does not follow those calls, so they stay in node_modules, resolved from the chunk
 * that asks). Files found relative to the running module (package.json, out/renderer) are
 * located by main/cli/install-root.ts, which walks up instead of assuming a depth. The desktop
 * app (main/electron/) is not bundled: it runs the tsc output.
 *
 * A source map ships beside each file (stack traces can be mapped with
 * `node --enable-source-maps`, which is not on by default: it costs start-up time).
 */

/** The project modules the entry (main/cli/ferry.ts) imports statically, found once the module
 *  graph is built: see `codeSplitting` below. */
const entryGraph = new Set<string>();

const recordEntryGraph: Plugin = {
  name: 'ferry-record-entry-graph',
  buildEnd() {
    const entry = [...this.getModuleIds()].find((id) => id.endsWith('/main/cli/ferry.ts'));
    const pending = entry ? [...(this.getModuleInfo(entry)?.importedIds ?? [])] : [];
    for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
      if (entryGraph.has(id) || id.includes('/node_modules/')) continue;
      entryGraph.add(id);
      pending.push(...(this.getModuleInfo(id)?.importedIds ?? []));
    }
  },
};

export default defineConfig({
  root,
  plugins: [recordEntryGraph],
  publicDir: false,
  logLevel: 'warn',
  // Bundle the packages too (an SSR build would leave them external by default).
  ssr: {
    target: 'node',
    noExternal: true,
    external: ['better-sqlite3', 'keytar', '@parcel/watcher'],
  },
  build: {
    ssr: 'main/cli/ferry.ts',
    outDir: 'out/cli',
    emptyOutDir: true,
    minify: false,
    sourcemap: true,
    reportCompressedSize: false,
    copyPublicDir: false,
    // package.json "engines": Node >= 20.19.
    target: 'node20.19',
    rolldownOptions: {
      output: {
        format: 'es',
        entryFileNames: 'ferry.js',
        // What the entry shares with the commands (the redactor, SyncError, the secret stores)
        // goes to chunks/cli-core.js. Left to itself the bundler puts it in the entry, and then
        // every command chunk imports ferry.js: importing commands/sync.js alone (the bench's
        // module-loading probe) would run the CLI. The rest is split automatically.
        codeSplitting: {
          groups: [{ name: 'cli-core', test: (id) => entryGraph.has(id), minShareCount: 2 }],
        },
        // out/cli is emptied on every build, so names need no content hash; a collision gets a
        // numeric suffix from the bundler.
        chunkFileNames: (chunk) =>
          chunk.isDynamicEntry && chunk.facadeModuleId?.includes('/main/cli/commands/')
            ? 'commands/[name].js'
            : 'chunks/[name].js',
      },
    },
  },
});
