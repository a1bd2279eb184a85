/* tslint:disable */
/* eslint-disable */

export type Now = string | number;
export type Severity = "error" | "warning" | "info";
export type Field = "issuer_url" | "login_url" | "logout_url" | "certificate" | "metadata_url" | "provider" | "password_context" | "integrated_context" | "entra_identifier" | "entra_reply_url" | "entra_name_id" | "entra_assignment";
export type TextKind = "metadata" | "metadata-url" | "certificate" | "private-key" | "text";
export type InputKind = "metadata" | "certificate" | "entra-setup";
export interface InspectOptions { now: Now; entity_id?: string; certificate?: string; metadata_url?: string; wrap?: boolean }
export interface NowOptions { now: Now }
export interface Finding { code: string; severity: Severity; field: Field | null; message: string; fix?: string }
export interface Findings { findings: Finding[]; labels: Labels }
/** Every form field's label, by its key: the words every surface shows for a field. */
export type Labels = Record<string, string>;
export interface FormValues { issuer_url?: string; login_url?: string; logout_url?: string; certificate?: string; metadata_url?: string; provider?: string; password_context?: boolean; integrated_context?: boolean }
export interface Section { name: string; values?: FormValues }
export interface MimecastValues { issuer_url: string | null; login_url: string | null; logout_url: string | null; certificate: string | null; metadata_url: string | null }
export interface Endpoint { binding: string; location: string }
export interface Validity { status: "valid" | "expires-soon" | "expired" | "not-yet-valid"; days_remaining: number; elapsed: number; percent: number; from: string; until: string; sentence: string; timeline: string }
export interface Certificate { base64: string; sha1: string; sha256: string; subject: string; issuer: string; serial: string; not_before: string; not_after: string; key_algorithm: string; key_bits: number | null; signature_algorithm: string; self_signed: boolean; entra_kind: "app" | "tenant-key" | null; validity: Validity }
export interface MetadataSignature { valid: boolean | null; problem: string | null; certificate_sha1: string | null }
export interface Inspection { input_kind: InputKind; entity_id: string | null; tenant_id: string | null; entra_document: "app" | "tenant" | "tenant-independent" | null; identity_providers: string[]; mimecast: MimecastValues; single_sign_on: Endpoint[]; single_logout: Endpoint[]; signing_certificates: Certificate[]; encryption_certificates: Certificate[]; suggested_certificate: number | null; chosen_certificate: number | null; findings: Finding[]; metadata_signature: MetadataSignature | null; labels: Labels }
export interface TextStep { field: Field; label: string; value: string; clear: boolean }
export interface BoxStep { field: "enforce_saml" | "allow_sso" | "password_context" | "integrated_context"; label: string; checked: boolean }
export interface ProviderChoice { words: string[]; name: string }
export interface FillPlan { provider: ProviderChoice; text: TextStep[]; boxes: BoxStep[] }
export interface MetadataUrl { url: string; tenant_id: string | null; app_id: string | null; findings: Finding[] }
export interface ResponseOptions { now: Now; issuer?: string; certificate?: string; region?: string; account_code?: string }
export interface Status { code: string | null; second_level: string | null; message: string | null; aadsts: string | null }
export interface AssertionReport { issuer: string | null; name_id: string | null; name_id_format: string | null; audiences: string[]; recipient: string | null; not_before: string | null; not_on_or_after: string | null; attributes: Record<string, string[]>; subject_not_on_or_after: string | null; authn_context_class_ref: string | null }
export interface SignatureDetail { signs: "response" | "assertion" | "elsewhere"; references: string[]; canonicalization: string | null; signature_method: string | null; digest_methods: string[]; valid: boolean; problem: string | null }
export interface SignatureReport { response_signed: boolean; assertion_signed: boolean; valid: boolean | null; certificate: Certificate | null; verified_with: "configured" | "key-info" | null; signatures: SignatureDetail[] }
export interface RequestedAuthnContext { comparison: string | null; class_refs: string[] }
export interface AuthnRequest { id: string | null; issuer: string | null; destination: string | null; assertion_consumer_service_url: string | null; issue_instant: string | null; requested_authn_context: RequestedAuthnContext | null }
export type Tone = "pass" | "fail" | "warning" | "info";
/** The verdict in the words every surface shows; `badge` is at most four characters. */
export interface Verdict { tone: Tone; sentence: string; badge: string }
export interface ObservedRequest { url: string; body?: string | Uint8Array | ArrayBuffer | null }
export interface ObserveOptions { now: Now; issuer?: string; certificate?: string; account_code?: string }
export interface ErrorReport { code: string; message: string }
export interface Observation { endpoint: "mimecast-sign-in" | "entra-sign-in"; region: string | null; account_code: string | null; report: ResponseReport | null; error: ErrorReport | null; verdict: Verdict }
export interface EntraErrorReport { code: string; known: boolean; explanation: string }
export interface ResponseReport { kind: "response" | "authn-request" | "entra-error"; status: Status; issuer: string | null; destination: string | null; in_response_to: string | null; issue_instant: string | null; assertion: AssertionReport | null; signature: SignatureReport; request: AuthnRequest | null; entra_error: EntraErrorReport | null; findings: Finding[]; verdict: Verdict }
/** What every function throws: an Error with the core's code; `not_metadata` when the input is not metadata at all, `entity_ids` when it names several identity providers. */
export interface CoreError extends Error { code: string; not_metadata?: boolean; entity_ids?: string[] }



export function __wbg_reset_state(): void;

/**
 * Checks the values of the form: `{findings}`.
 */
export function check(values: FormValues, options: NowOptions): Findings;

/**
 * The check across a profile's SAML sections: `[{name, values}]` -> `{findings}`.
 */
export function checkSections(sections: Section[]): Findings;

/**
 * What pasted text is: "metadata", "metadata-url", "certificate", "private-key" or "text".
 */
export function classify(text: string): TextKind;

/**
 * What Fill writes for an inspection: `{provider, text, boxes}` (docs/contract.md). Reads only
 * the inspection's `input_kind` and `mimecast`.
 */
export function fillPlan(inspection: Pick<Inspection, "input_kind" | "mimecast">): FillPlan;

/**
 * Inspects metadata or a certificate; see docs/contract.md for the result.
 */
export function inspect(input: string | Uint8Array | ArrayBuffer, options: InspectOptions): Inspection;

/**
 * Reads a pasted metadata URL before it is fetched: `{url, tenant_id, app_id, findings}`.
 */
export function metadataUrl(text: string): MetadataUrl;

/**
 * The extension's Test SSO: the verdict on a request the browser sends (`{url, body?}`, the
 * body a URL-encoded form as text or bytes), or `null` when it is no Mimecast sign-in.
 */
export function observe(request: ObservedRequest, options: ObserveOptions): Observation | null;

/**
 * Test SSO: the verdict on a SAML response, an AuthnRequest or an Entra error; see
 * docs/contract.md for the result.
 */
export function response(input: string | Uint8Array | ArrayBuffer, options: ResponseOptions): ResponseReport;

/**
 * The core's version.
 */
export function version(): string;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly check: (a: any, b: any) => [number, number, number];
    readonly checkSections: (a: any) => [number, number, number];
    readonly classify: (a: number, b: number) => [number, number];
    readonly fillPlan: (a: any) => [number, number, number];
    readonly inspect: (a: any, b: any) => [number, number, number];
    readonly metadataUrl: (a: number, b: number) => [number, number, number];
    readonly observe: (a: any, b: any) => [number, number, number];
    readonly response: (a: any, b: any) => [number, number, number];
    readonly version: () => [number, number];
    readonly __wbindgen_malloc: (a: number, b: number) => number;
    readonly __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_free: (a: number, b: number, c: number) => void;
    readonly __wbindgen_exn_store: (a: number) => void;
    readonly __externref_table_alloc: () => number;
    readonly __wbindgen_externrefs: WebAssembly.Table;
    readonly __externref_table_dealloc: (a: number) => void;
    readonly __wbindgen_start: () => void;
}

export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
