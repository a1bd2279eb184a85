// Fails unless the wasm-bindgen module instantiates in Node: wasm-opt output that V8
// cannot compile (wrong features) shows only at init, so the build checks it at once.
//
//   node scripts/check-wasm-instantiates.mjs GLUE.js MODULE_bg.wasm
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [glue, wasm] = process.argv.slice(2);
const module = await import(pathToFileURL(glue));
module.initSync({ module: readFileSync(wasm) });
if (typeof module.version === 'function') module.version();
