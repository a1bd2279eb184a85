"""python3-saml's side of `make bench`: OneLogin_Saml2_IdPMetadataParser.parse on the same
inputs as benches/native, in process, timed the same number of runs. One TSV line per input:
label, runs, median ms, min ms, the entity ID found.

    python3 scripts/bench-peer-metadata.py RUNS SMALL_RUNS LABEL=PATH[#ENTITY_ID]...
"""

import statistics, sys, timeit
from onelogin.saml2.idp_metadata_parser import OneLogin_Saml2_IdPMetadataParser as Parser
runs, small_runs = int(sys.argv[1]), int(sys.argv[2])
for arg in sys.argv[3:]:
    label, spec = arg.split("=", 1)
    # The peer on real documents only (the 100 MB aggregate is timed once: minutes otherwise),
    # and not on the rows that also verify the signature, which python3-saml's parser never does.
    if spec.startswith("@") or spec.endswith("+signature"):
        continue
    path, _, entity_id = spec.partition("#")
    xml = open(path, "rb").read()
    n = max(runs, small_runs) if len(xml) < 1 << 20 else runs if len(xml) < 50_000_000 else 1
    call = lambda: Parser.parse(xml, entity_id=entity_id or None)
    found = call().get("idp", {}).get("entityId", "")
    times = timeit.repeat(call, number=1, repeat=n)
    print(f"{label}\t{n}\t{statistics.median(times) * 1e3:.4f}\t{min(times) * 1e3:.4f}\t{found}")
