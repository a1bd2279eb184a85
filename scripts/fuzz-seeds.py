"""Writes the fuzz targets' seed inputs into fuzz/corpus/<target>/ (git-ignored).

Metadata files as they are; their certificates as text, PEM and DER; URLs from their endpoints
and entity IDs, and Entra's metadata URL forms; form values for `check`; SAML responses (XML and base64) and an
Entra error for `response`.

    python3 scripts/fuzz-seeds.py ROOT
"""

import base64, hashlib, os, re, sys
root = sys.argv[1]
src = os.path.join(root, "tests/fixtures/corpus/metadata")
out = os.path.join(root, "fuzz/corpus")
def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "seed-" + hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)
urls = {
    "https://login.microsoftonline.com/a15b04fc-6ff1-42a7-bb24-2e762259f5da/federationmetadata/2007-06/federationmetadata.xml?appid=0e4c7f2a-1111-2222-3333-444455556666",
    "https://login.microsoftonline.com/contoso.onmicrosoft.com/FederationMetadata/2007-06/FederationMetadata.xml",
    "https://login.microsoftonline.com/common/federationmetadata/2007-06/federationmetadata.xml",
    "https://login.microsoftonline.com/a15b04fc-6ff1-42a7-bb24-2e762259f5da/saml2",
    "https://sts.windows.net/a15b04fc-6ff1-42a7-bb24-2e762259f5da/",
    "https://sts.windows.net/{tenantid}/",
}
responses = os.path.join(root, "tests/fixtures/responses")
for folder, _, files in os.walk(responses):
    for name in files:
        if name.endswith((".xml", ".base64")):
            data = open(os.path.join(folder, name), "rb").read()
            put("response", data)
            if name.endswith(".xml"):
                put("response", base64.b64encode(data))
put("response", "AADSTS50011: The redirect URI specified in the request does not match")
for name in sorted(os.listdir(src)):
    data = open(os.path.join(src, name), "rb").read()
    for target in ("inspect", "classify", "service_provider", "skip_equivalence"):
        put(target, data)
    text = data.decode("utf-8", "replace")
    for cert in re.findall(r"X509Certificate[^>]*>([^<]+)<", text)[:4]:
        body = "".join(cert.split())
        put("classify", cert)
        put("inspect", cert)
        pem = "-----BEGIN CERTIFICATE-----\n" + "\n".join(body[i:i + 64] for i in range(0, len(body), 64)) + "\n-----END CERTIFICATE-----\n"
        put("inspect", pem)
        put("check", b"\x3f" + cert.encode() + b"\x1fhttps://sts.windows.net/a15b04fc-6ff1-42a7-bb24-2e762259f5da/\x1fhttps://login.microsoftonline.com/a15b04fc-6ff1-42a7-bb24-2e762259f5da/saml2\x1f\x1f\x1fAzure Active Directory")
        try:
            der = base64.b64decode(body + "=" * (-len(body) % 4))
        except Exception:
            continue
        put("certificate", der)
        put("inspect", der)
    urls.update(re.findall(r'(?:Location|entityID)="([^"]+)"', text)[:6])
for url in sorted(urls):
    put("metadata_url", url)
    put("classify", url)
    put("check", b"\x1e\x1f" + url.encode() + b"\x1f" + url.encode() + b"\x1f" + url.encode() + b"\x1f" + url.encode())
