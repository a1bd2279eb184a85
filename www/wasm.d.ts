// The page's wasm-bindgen glue, which the build writes to dist/www/pkg/ (scripts/build-wasm.sh):
// main.js only instantiates it. The declarations of what it exports are generated with it.
declare module '*/pkg/mimecast_sso_www.js' {
  export default function init(options?: {
    module_or_path: string | URL | Request | Response | BufferSource | WebAssembly.Module;
  }): Promise<unknown>;
}
