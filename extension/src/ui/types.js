// @ts-check
// The shapes that cross a boundary, for the type check (`tsc -p jsconfig.json` in `make lint`):
// what the core returns, declared once in Rust (src/bindings.rs, held to the serialized values
// by tests/typescript_shapes.rs) and read here from the declarations wasm-bindgen writes
// (extension/pkg/mimecast_sso.d.ts); the messages to the worker and their replies
// (docs/contract.md); and the messages from the popup to a tab's content script.
// No code: modules name these in JSDoc, as `import('./types.js').Inspection`.

/** @typedef {import('../../pkg/mimecast_sso.js').Inspection} Inspection */
/** @typedef {import('../../pkg/mimecast_sso.js').Certificate} Certificate */
/** @typedef {import('../../pkg/mimecast_sso.js').Finding} Finding */
/** @typedef {import('../../pkg/mimecast_sso.js').FillPlan} FillPlan */
/** @typedef {import('../../pkg/mimecast_sso.js').FormValues} FormValues */
/** @typedef {import('../../pkg/mimecast_sso.js').Section} Section */
/** @typedef {import('../../pkg/mimecast_sso.js').TextKind} TextKind */
/** @typedef {import('../../pkg/mimecast_sso.js').CoreError} CoreError */
/** @typedef {import('../../pkg/mimecast_sso.js').Labels} Labels */
/** @typedef {import('../../pkg/mimecast_sso.js').Observation} Observation */

// --- To the worker ---------------------------------------------------------------------------

/**
 * Pasted text, or a file as base64 (`bytes`, with its `name`); `certificate` (a SHA-1) and
 * `entity_id` choose among several.
 * @typedef {{ type: 'inspect', text?: string, bytes?: string, name?: string,
 *   certificate?: string, entity_id?: string }} InspectRequest
 */
/** @typedef {{ type: 'fetch-metadata', url: string, certificate?: string, entity_id?: string }} FetchMetadataRequest */
/** @typedef {{ type: 'check', values: FormValues }} CheckRequest */
/** @typedef {{ type: 'check-sections', sections: Section[] }} CheckSectionsRequest */
/** @typedef {{ type: 'classify', text: string }} ClassifyRequest */
/** @typedef {{ type: 'version' }} VersionRequest */
/** The form's values, when the content script fills or reads it: what Test SSO judges against. */
/** @typedef {{ type: 'profile', values: FormValues }} ProfileRequest */
/** The popup: what Test SSO saw in a tab (`tab_id`), or in the last tab that saw a sign-in. */
/** @typedef {{ type: 'test-sso', tab_id?: number }} TestSsoRequest */
/**
 * @typedef {InspectRequest | FetchMetadataRequest | CheckRequest | CheckSectionsRequest
 *   | ClassifyRequest | VersionRequest | ProfileRequest | TestSsoRequest} WorkerRequest
 */

/** @typedef {{ ok: true, inspection: Inspection, plan: FillPlan }} InspectReply */
/** @typedef {{ ok: true, findings: Finding[], labels?: Labels }} FindingsReply */
/** @typedef {{ ok: true, kind: TextKind }} ClassifyReply */
/** @typedef {{ ok: true, version: string }} VersionReply */
/** @typedef {{ ok: true }} ProfileReply */
/** @typedef {{ time: number, url: string, observation: Observation }} Seen */
/** @typedef {{ ok: true, request: Seen | null, response: Seen | null }} TestSsoReply */
/**
 * The one error shape: the core's code and sentence, or the worker's own (`offline`, `timeout`,
 * `http-status`, `not-metadata`, …); `entity_ids` when the input names several identity providers.
 * @typedef {{ code: string, message: string, entity_ids?: string[] }} ErrorShape
 */
/** @typedef {{ ok: false, error: ErrorShape }} Failure */
/**
 * The reply to each request type.
 * @typedef {{ inspect: InspectReply, 'fetch-metadata': InspectReply, check: FindingsReply,
 *   'check-sections': FindingsReply, classify: ClassifyReply, version: VersionReply,
 *   profile: ProfileReply, 'test-sso': TestSsoReply }} Replies
 */
/** @typedef {Replies[keyof Replies] | Failure} WorkerReply */

// --- From the popup to a tab -----------------------------------------------------------------

/** @typedef {{ type: 'form-status' } | { type: 'import-into-panel', text: string }} TabRequest */
/** @typedef {{ ok: true, form: boolean, fields: string[] } | { ok: true } | Failure} TabReply */

export {};
