// @ts-check
// The extension's styles as constructable style sheets: a content script cannot link
// its own CSS into a shadow root without making it web-accessible (which lets pages
// detect the extension), and adopted sheets are not subject to the page's CSP.

const COMMON = `
  :host, .sso-root {
    --ink: #1d2330; --muted: #5b6474; --line: #d5d9e0; --paper: #ffffff; --tint: #f3f5f8;
    --accent: #0b5cad; --error: #b3261e; --warning: #8a5a00; --ok: #1e7a3c;
    --caution: #fffaf0;
    font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
    color-scheme: light dark;
  }
  /* The system's dark mode, as the web page follows it. */
  @media (prefers-color-scheme: dark) {
    :host, .sso-root {
      --ink: #e6e9ef; --muted: #a7b0bf; --line: #3b4354; --paper: #1b2030; --tint: #252c3d;
      --accent: #6aa8ef; --error: #ff8a80; --warning: #f0b85a; --ok: #6fcf8e; --caution: #2e2818;
    }
    button.primary { color: #0b1220; }
    textarea, input { background: var(--tint); color: var(--ink); }
  }
  * { box-sizing: border-box; }
  [hidden] { display: none !important; }
  h2 { font-size: 14px; margin: 0; }
  h3, legend { font-size: 12px; margin: 10px 0 4px; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; padding: 0; }
  button { font: inherit; border: 1px solid var(--line); background: var(--paper); color: var(--ink); border-radius: 4px; padding: 4px 10px; cursor: pointer; }
  button:hover { border-color: var(--accent); }
  button:focus-visible, textarea:focus-visible, input:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
  button.primary { background: var(--accent); border-color: var(--accent); color: #fff; font-weight: 600; }
  button.copy { padding: 0 6px; font-size: 11px; margin-left: 4px; }
  code { font: 12px/1.3 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; word-break: break-all; }
  .source { color: var(--muted); margin: 6px 0; }
  dl.values { display: grid; grid-template-columns: max-content 1fr; gap: 2px 8px; margin: 0; }
  dl.values dt { color: var(--muted); }
  dl.values dd { margin: 0; min-width: 0; display: flex; align-items: flex-start; }
  code.value { flex: 1; min-width: 0; }
  code.long { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
  .absent { color: var(--muted); font-style: italic; }
  fieldset.certs { border: 0; padding: 0; margin: 0; min-width: 0; }
  ul.cert-list, ul.findings { list-style: none; margin: 0; padding: 0; }
  li.cert { border: 1px solid var(--line); border-radius: 6px; padding: 6px 8px; margin: 4px 0; background: var(--paper); }
  li.cert.chosen { border-color: var(--accent); box-shadow: inset 3px 0 0 var(--accent); }
  label.choice { display: flex; gap: 6px; align-items: flex-start; cursor: pointer; }
  .cert-subject { font-weight: 600; word-break: break-word; }
  .tag { font-weight: 400; font-size: 11px; background: var(--tint); border: 1px solid var(--line); border-radius: 8px; padding: 0 6px; margin-left: 6px; }
  dl.cert-details { display: grid; grid-template-columns: max-content 1fr; gap: 0 8px; margin: 4px 0; }
  dl.cert-details dt { color: var(--muted); }
  dl.cert-details dd { margin: 0; min-width: 0; }
  .validity.status-expired, .validity.status-not-yet-valid { color: var(--error); font-weight: 600; }
  .validity.status-expires-soon { color: var(--warning); font-weight: 600; }
  .validity.status-valid { color: var(--ok); }
  .timeline { display: block; margin-top: 4px; }
  .timeline .bar { position: relative; display: block; height: 6px; border-radius: 3px; background: var(--tint); border: 1px solid var(--line); }
  .timeline .gone { position: absolute; left: 0; top: 0; bottom: 0; background: #9fb7d3; border-radius: 3px; }
  .timeline.status-expires-soon .gone { background: #e0b25a; }
  .timeline.status-expired .gone { background: #d98b85; }
  .timeline .today { position: absolute; top: -4px; width: 2px; height: 12px; margin-left: -1px; background: var(--ink); }
  .timeline .marks { position: relative; display: block; height: 14px; font-size: 11px; color: var(--ink); }
  .timeline .today-label { position: absolute; top: 0; transform: translateX(-50%); }
  .timeline .ends { display: flex; justify-content: space-between; font-size: 11px; color: var(--muted); }
  li.finding, .note { overflow-wrap: anywhere; }
  p.verdict { font-weight: 600; margin: 4px 0; }
  p.verdict[data-tone="pass"] { color: var(--ok); }
  p.verdict[data-tone="fail"] { color: var(--error); }
  p.verdict[data-tone="warning"] { color: var(--warning); }
  li.finding { margin: 3px 0; padding-left: 8px; border-left: 3px solid var(--line); }
  li.finding.severity-error { border-color: var(--error); }
  li.finding.severity-error strong { color: var(--error); }
  li.finding.severity-warning { border-color: var(--warning); }
  li.finding.severity-warning strong { color: var(--warning); }
  .no-findings { color: var(--ok); margin: 2px 0; }
  .error { color: var(--error); font-weight: 600; margin: 6px 0; }
`;

const PANEL = `
  :host { all: initial; position: fixed; top: 72px; right: 12px; z-index: 2147483646; display: block; }
  :host([hidden]) { display: none; }
  .panel { width: 380px; max-height: calc(100vh - 96px); display: flex; flex-direction: column; background: var(--paper);
    border: 1px solid var(--line); border-radius: 8px; box-shadow: 0 6px 24px rgba(20, 30, 50, .18); overflow: hidden; }
  header { display: flex; align-items: center; justify-content: space-between; padding: 8px 10px; background: var(--tint); border-bottom: 1px solid var(--line); }
  header button { padding: 0 8px; }
  .body { padding: 10px; overflow-y: auto; overflow-x: hidden; }
  .panel.collapsed .body { display: none; }
  .drop { border: 1px dashed var(--line); border-radius: 6px; padding: 8px; text-align: center; color: var(--muted); margin-bottom: 8px; }
  .drop.over { border-color: var(--accent); background: var(--tint); }
  .drop input[type=file] { display: block; margin: 6px auto 0; max-width: 100%; }
  label.input-label { display: block; font-weight: 600; margin-bottom: 2px; }
  textarea { width: 100%; min-height: 56px; resize: vertical; font: 12px/1.3 ui-monospace, Menlo, Consolas, monospace; border: 1px solid var(--line); border-radius: 4px; padding: 4px 6px; }
  .status { color: var(--muted); min-height: 1em; margin: 4px 0; }
  .actions { display: flex; gap: 8px; margin-top: 10px; }
  .confirm { border: 1px solid var(--warning); border-radius: 6px; padding: 8px; margin-top: 10px; background: var(--caution); }
  .confirm ul { margin: 4px 0 8px; padding-left: 16px; }
  .confirm .old { text-decoration: line-through; color: var(--muted); }
  .confirm code { display: inline; }
  .outcome { margin: 8px 0 0; }
  fieldset.sections { border: 1px solid var(--line); border-radius: 6px; margin: 10px 0 0; padding: 4px 8px 8px; min-width: 0; }
  fieldset.sections legend { margin: 0; padding: 0 4px; }
  label.section { display: flex; gap: 6px; align-items: center; cursor: pointer; margin: 2px 0; }
  .section-notes .note { margin: 6px 0 0; padding-left: 8px; border-left: 3px solid var(--warning); overflow-wrap: anywhere; }
  .missing { border: 1px solid var(--line); border-radius: 6px; padding: 6px 8px; margin-top: 8px; }
  .missing p { margin: 0 0 4px; }
  .missing ul { margin: 0; padding-left: 16px; }
  .missing button { padding: 0 6px; font-size: 11px; }
`;

const NOTE = `
  /* inline-size containment: a note never widens the cell or row it sits in. */
  :host { all: initial; display: block; margin: 2px 0 6px; contain: inline-size; }
  .note { font: 12px/1.35 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; padding: 3px 8px; border-left: 3px solid var(--line); background: var(--tint); color: var(--ink); }
  .note + .note { margin-top: 2px; }
  .note.severity-error { border-color: var(--error); }
  .note.severity-warning { border-color: var(--warning); }
  .note.offer { border-color: var(--accent); }
  .note button { margin-left: 6px; padding: 0 8px; font-size: 12px; }
`;

const POPUP = `
  body { margin: 0; width: 420px; background: var(--paper); }
  main { padding: 12px; }
  header { display: flex; align-items: baseline; justify-content: space-between; }
  label.input-label { display: block; font-weight: 600; margin: 8px 0 2px; }
  textarea { width: 100%; min-height: 70px; resize: vertical; font: 12px/1.3 ui-monospace, Menlo, Consolas, monospace; border: 1px solid var(--line); border-radius: 4px; padding: 4px 6px; }
  .drop { border: 1px dashed var(--line); border-radius: 6px; padding: 8px; text-align: center; color: var(--muted); margin-top: 8px; }
  .drop.over { border-color: var(--accent); background: var(--tint); }
  .status { color: var(--muted); min-height: 1em; margin: 4px 0; }
  .actions { display: flex; gap: 8px; margin-top: 10px; }
  footer { color: var(--muted); font-size: 11px; margin-top: 10px; }
`;

function sheet(text) {
  const style = new CSSStyleSheet();
  style.replaceSync(text);
  return style;
}

const TEXTS = { panel: PANEL, note: NOTE, popup: POPUP };
let sheets = null;

// The specific sheet first: its `all: initial` on :host must not undo the
// common font and colours.
export function adoptStyles(root, which) {
  try {
    sheets ??= {
      common: sheet(COMMON),
      panel: sheet(PANEL),
      note: sheet(NOTE),
      popup: sheet(POPUP),
    };
    root.adoptedStyleSheets = [sheets[which], sheets.common];
  } catch {
    // Where adopting fails (an older engine, or across a content script's wrappers),
    // a <style> in the same root does the same.
    const style = (root.ownerDocument || root).createElement('style');
    style.textContent = TEXTS[which] + COMMON;
    (root.head || root).prepend(style);
  }
}
