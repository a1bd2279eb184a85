#!/usr/bin/env python3
"""python3-saml's side of the Test SSO bench: OneLogin_Saml2_Response(settings, b64).is_valid(
request_data) in-process on the same response, over the same number of runs, strict (as a
service provider runs it), with python3-saml's clock set to the response's time.

    bench-peer-response.py RUNS RESPONSE.xml CERT.pem ISSUER AUDIENCE ACS_URL NOW_EPOCH

Prints one TSV line: runs, median ms, min ms, the verdict (valid, or the error).
"""
import base64
import statistics
import sys
import time

from onelogin.saml2.response import OneLogin_Saml2_Response
from onelogin.saml2.settings import OneLogin_Saml2_Settings
from onelogin.saml2.utils import OneLogin_Saml2_Utils

runs, response, cert, issuer, audience, acs, now = sys.argv[1:8]
runs, now = int(runs), int(now)
b64 = base64.b64encode(open(response, "rb").read()).decode()
pem = open(cert).read()
body = "".join(line for line in pem.splitlines() if "-----" not in line)
host = acs.split("/")[2]
settings = OneLogin_Saml2_Settings(
    {
        "strict": True,
        "sp": {
            "entityId": audience,
            "assertionConsumerService": {"url": acs, "binding": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"},
        },
        "idp": {
            "entityId": issuer,
            "singleSignOnService": {"url": "https://login.microsoftonline.com/x/saml2"},
            "x509cert": body,
        },
        "security": {"wantAssertionsSigned": True},
    },
    sp_validation_only=True,
)
request_data = {"https": "on", "http_host": host, "script_name": "/login/saml", "server_port": "443"}
OneLogin_Saml2_Utils.now = staticmethod(lambda: now)


def once():
    r = OneLogin_Saml2_Response(settings, b64)
    ok = r.is_valid(request_data, request_id="MC_4f1f0c5e2b")
    return ok, r.get_error()


ok, error = once()
verdict = "valid" if ok else "invalid: %s" % error
for _ in range(min(runs, 20)):
    once()
times = []
for _ in range(runs):
    started = time.perf_counter()
    once()
    times.append((time.perf_counter() - started) * 1000)
print("%d\t%.4f\t%.4f\t%s" % (runs, statistics.median(times), min(times), verdict))
