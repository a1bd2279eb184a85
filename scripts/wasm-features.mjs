// Prints the wasm-opt flags for the features a module was compiled with, read from its
// target_features custom section. wasm-opt must neither lose one (invalid output) nor get
// extra ones: --all-features lets it emit e.g. stringref, which V8 rejects.
//
//   node scripts/wasm-features.mjs MODULE.wasm
import { readFileSync } from 'node:fs';

// rustc's feature names → wasm-opt's.
const WASM_OPT_NAME = {
  'bulk-memory': 'bulk-memory',
  'bulk-memory-opt': 'bulk-memory-opt',
  'call-indirect-overlong': 'call-indirect-overlong',
  multivalue: 'multivalue',
  'mutable-globals': 'mutable-globals',
  'nontrapping-fptoint': 'nontrapping-float-to-int',
  'reference-types': 'reference-types',
  'sign-ext': 'sign-ext',
  simd128: 'simd',
  'extended-const': 'extended-const',
  'tail-call': 'tail-call',
  'exception-handling': 'exception-handling',
  atomics: 'threads',
  multimemory: 'multimemory',
};
// No section (a stripped module): the features rustc 1.95 enables by default.
const RUSTC_DEFAULT = [
  'bulk-memory',
  'bulk-memory-opt',
  'call-indirect-overlong',
  'multivalue',
  'mutable-globals',
  'nontrapping-float-to-int',
  'reference-types',
  'sign-ext',
];

const bytes = readFileSync(process.argv[2]);
let at = 8; // past the magic number and the version
const leb128 = () => {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return value;
};
const name = () => {
  const length = leb128();
  const text = bytes.toString('utf8', at, at + length);
  at += length;
  return text;
};

let features = null;
while (at < bytes.length) {
  const id = bytes[at++];
  const size = leb128();
  const end = at + size;
  if (id === 0 && name() === 'target_features') {
    features = [];
    for (let count = leb128(); count > 0; count--) {
      const prefix = String.fromCharCode(bytes[at++]);
      const feature = name();
      if (prefix === '-') continue;
      const flag = WASM_OPT_NAME[feature];
      if (!flag) {
        console.error(`wasm-features: unknown wasm feature ${feature}: add it to WASM_OPT_NAME`);
        process.exit(1);
      }
      features.push(flag);
    }
  }
  at = end;
}
console.log((features ?? RUSTC_DEFAULT).map((feature) => `--enable-${feature}`).join(' '));
