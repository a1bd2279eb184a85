// What the build scripts need to know of the Cargo workspace, read one way: from
// `cargo metadata`. Prints one answer on stdout.
//
//   node scripts/cargo-info.mjs version                 the root package's version
//   node scripts/cargo-info.mjs cdylib MANIFEST         "<package> <file stem>" of the cdylib
//                                                       whose Cargo.toml is MANIFEST (nothing
//                                                       if it is not a workspace member)
//   node scripts/cargo-info.mjs dependency-version NAME the version Cargo.lock resolves NAME to
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const [command, argument] = process.argv.slice(2);

function metadata(withDependencies) {
  const args = ['metadata', '--format-version', '1'];
  if (!withDependencies) args.push('--no-deps');
  const out = execFileSync(process.env.CARGO ?? 'cargo', args, {
    encoding: 'utf8',
    // cargo's progress lines ("Downloading crates") are not answers; its errors are shown.
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out);
}

function fail(message) {
  process.stderr.write(`cargo-info: ${message}\n`);
  process.exit(1);
}

switch (command) {
  case 'version': {
    const meta = metadata(false);
    const root = path.resolve('Cargo.toml');
    const pkg = meta.packages.find((p) => p.manifest_path === root);
    if (!pkg) fail('no package in ./Cargo.toml');
    console.log(pkg.version);
    break;
  }
  case 'cdylib': {
    if (!argument) fail('cdylib needs the path of a Cargo.toml');
    const want = path.resolve(argument);
    const pkg = metadata(false).packages.find((p) => p.manifest_path === want);
    const lib = pkg?.targets.find((t) => t.crate_types.includes('cdylib'));
    if (lib) console.log(`${pkg.name} ${lib.name.replace(/-/g, '_')}`);
    break;
  }
  case 'dependency-version': {
    if (!argument) fail('dependency-version needs a crate name');
    const found = metadata(true).packages.find((p) => p.name === argument);
    if (found) console.log(found.version);
    break;
  }
  default:
    fail(
      `unknown question "${command ?? ''}": version, cdylib MANIFEST or dependency-version NAME`,
    );
}
