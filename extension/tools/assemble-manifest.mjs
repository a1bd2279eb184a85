// Writes one browser's manifest.json: manifest.base.json, then the browser's
// differences from platform/<browser>.json on top (objects merge key by key, any
// other value replaces), and the version from Cargo.toml (the product has one version).
// Usage: node assemble-manifest.mjs <browser> <version> <out-file>
import { readFileSync, writeFileSync } from 'node:fs';

const [browser, version, outFile] = process.argv.slice(2);
if (!browser || !version || !outFile) {
  console.error('usage: assemble-manifest.mjs <browser> <version> <out-file>');
  process.exit(2);
}

const read = (path) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));

function merge(base, extra) {
  const out = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const both = [out[key], value].every((v) => v && typeof v === 'object' && !Array.isArray(v));
    out[key] = both ? merge(out[key], value) : value;
  }
  return out;
}

const manifest = merge(read('../manifest.base.json'), read(`../platform/${browser}.json`));
manifest.version = version;
writeFileSync(outFile, `${JSON.stringify(manifest, null, 2)}\n`);
