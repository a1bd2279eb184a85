// End-to-end harness: one local HTTPS server that stands in for the Mimecast consoles and for
// Microsoft Entra ID's federation metadata (serve.mjs), a Chromium launcher that maps those host
// names to the server and loads an unpacked extension (launch.mjs), and the ways a test drives a
// console page as a user would (drive.mjs). Tests import everything from here.
//
//   const server = await startServer();
//   const browser = await launchBrowser({ extensionDir: 'dist/extension', port: server.port });
//   const page = await openConsole(browser.context, 'administration-console-2022', { prefilled: true });
//   const model = await readModel(page);
//   ...
//   await browser.close(); await server.close();
//
// See tests/e2e/fixtures/README.md for what each page imitates and its oddities.

export * from './drive.mjs';
export * from './launch.mjs';
export * from './serve.mjs';
