// @ts-check
// Loaded with `node --import` (through NODE_OPTIONS) by test/integration/cli/cold-start-modules:
// appends the path of every module the process loads, ES modules (a loader hook, which runs on
// Node's hooks thread: `module.register`, Node.js 20 "Customization Hooks" docs, read
// 2026-11-30) and CommonJS ones (`Module._load`, which every require() goes through), one a
// line, to the file named by FERRY_TEST_MODULE_LOG.
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';

const log = process.env['FERRY_TEST_MODULE_LOG'];
if (log) {
  register('./record-loaded-modules-hooks.mjs', import.meta.url, { data: { log } });
  const cjs = /** @type {{ _load: Function, _resolveFilename: Function }} */ (
    /** @type {unknown} */ (Module)
  );
  const load = cjs._load;
  cjs._load = function (/** @type {string} */ request, /** @type {unknown} */ parent, ...rest) {
    try {
      appendFileSync(log, `${cjs._resolveFilename(request, parent, ...rest)}\n`);
    } catch {
      appendFileSync(log, `${request}\n`);
    }
    return load.call(this, request, parent, ...rest);
  };
}
