// @ts-check
// Loads the page's WebAssembly; everything the page does is in Rust (www/src/).
import init from './pkg/mimecast_sso_www.js';

init({ module_or_path: new URL('./pkg/mimecast_sso_www_bg.wasm', import.meta.url) }).catch(
  (error) => {
    const status = document.getElementById('import-status');
    if (status) {
      status.textContent = `This page could not start its WebAssembly (${error.message}): use a current Chrome, Edge or Firefox.`;
    }
    throw error;
  },
);
