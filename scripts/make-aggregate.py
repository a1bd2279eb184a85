#!/usr/bin/env python3
"""Builds a large, deterministic SAML metadata aggregate for the benchmarks (`make bench`).

The aggregate is made of the real entities of tests/fixtures/corpus/metadata (SWAMID's 175
entities, the other aggregates' and every single-entity document's: IdPs and SPs, real
certificates, prefixed and default namespaces, comments, CRLF), repeated with unique entity IDs,
under SWAMID's own root element and Signature, with Entra's app entity
(azure-app-mathivanan-bom-crlf.xml) LAST, its entity ID unchanged.

    scripts/make-aggregate.py [--entities 3000] [--out target/bench/aggregate-3000.xml]

Each entity's text is kept byte for byte except that the namespace declarations it inherited from
its own document's root are added to its start tag (so it means the same under the new root), and
copies after the first get a suffix in their entityID. The same arguments always give the same
bytes. Prints one line: path, size, entities, identity providers, and the target's entity ID.
"""

import argparse
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "tests", "fixtures", "corpus", "metadata")
SWAMID = "aggregate-swamid-pysaml2.xml"
TARGET_FILE = "azure-app-mathivanan-bom-crlf.xml"

ENTITY_START = re.compile(r"<((?:[\w.-]+:)?)EntityDescriptor\b[^>]*>", re.S)
ENTITIES_START = re.compile(r"<((?:[\w.-]+:)?)EntitiesDescriptor\b[^>]*>", re.S)
XMLNS = re.compile(r"""\sxmlns(?::([\w.-]+))?\s*=\s*("[^"]*"|'[^']*')""")
ENTITY_ID = re.compile(r"""(\sentityID\s*=\s*)("([^"]*)"|'([^']*)')""")
COMMENT = re.compile(r"<!--.*?-->", re.S)


def declarations(start_tag):
    """The namespace declarations of a start tag: {prefix or '': quoted URI}."""
    return {prefix or "": uri for prefix, uri in XMLNS.findall(start_tag)}


def entities_of(text):
    """The top-level EntityDescriptor elements of a document, each with the namespace
    declarations its ancestors made."""
    masked = COMMENT.sub(lambda m: " " * len(m.group(0)), text)
    inherited = {}
    for match in ENTITIES_START.finditer(masked):
        # Declarations of every EntitiesDescriptor that opens before the entities (nested
        # aggregates are rare; the corpus has only flat ones).
        inherited.update(declarations(match.group(0)))
    found = []
    position = 0
    while True:
        match = ENTITY_START.search(masked, position)
        if not match:
            break
        prefix = match.group(1)
        start = match.start()
        if match.group(0).endswith("/>"):
            end = match.end()
        else:
            close = f"</{prefix}EntityDescriptor>"
            end = masked.index(close, match.end()) + len(close)
        found.append((text[start:end], dict(inherited)))
        position = end
    return found


def self_contained(entity, inherited, root_declarations):
    """Adds to the entity's start tag the inherited declarations it needs under the new root."""
    tag_end = ENTITY_START.match(entity).end()
    start_tag = entity[:tag_end]
    own = declarations(start_tag)
    added = ""
    for prefix, uri in sorted(inherited.items()):
        if prefix in own or root_declarations.get(prefix) == uri:
            continue
        name = f"xmlns:{prefix}" if prefix else "xmlns"
        added += f" {name}={uri}"
    # The new root declares no default namespace: an entity written without a prefix under an
    # old root's default namespace gets that default here.
    insert_at = tag_end - (2 if start_tag.endswith("/>") else 1)
    return entity[:insert_at] + added + entity[insert_at:]


def entity_id(entity):
    match = ENTITY_ID.search(ENTITY_START.match(entity).group(0))
    if not match:
        return None
    return match.group(3) if match.group(3) is not None else match.group(4)


def renamed(entity, copy):
    """The entity with its entity ID marked as the `copy`-th repetition."""
    def rename(match):
        quote = match.group(2)[0]
        old = match.group(2)[1:-1]
        if old.startswith("https://") or old.startswith("http://"):
            scheme, rest = old.split("://", 1)
            new = f"{scheme}://c{copy}.{rest}"
        else:
            new = f"{old}:c{copy}"
        return f"{match.group(1)}{quote}{new}{quote}"

    tag_end = ENTITY_START.match(entity).end()
    return ENTITY_ID.sub(rename, entity[:tag_end], count=1) + entity[tag_end:]


def read(name):
    with open(os.path.join(CORPUS, name), "rb") as handle:
        data = handle.read()
    return data.decode("utf-8-sig")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=3000, help="entities in all, the target included")
    parser.add_argument("--out", default=None, help="default: target/bench/aggregate-<entities>.xml")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    out = args.out or os.path.join(ROOT, "target", "bench", f"aggregate-{args.entities}.xml")

    swamid = read(SWAMID)
    root_match = ENTITIES_START.search(swamid)
    root_tag = root_match.group(0)
    root_declarations = declarations(root_tag)
    # SWAMID's own Signature, as a real aggregate carries one (nobody verifies it here).
    signature = re.search(r"<ds:Signature>.*?</ds:Signature>", swamid, re.S).group(0)

    target_text = read(TARGET_FILE)
    (target_entity, target_inherited), = entities_of(target_text)
    target = self_contained(target_entity, target_inherited, root_declarations)
    target_id = entity_id(target)

    pool = []
    for name in sorted(os.listdir(CORPUS)):
        if not name.endswith(".xml"):
            continue
        for entity, inherited in entities_of(read(name)):
            pool.append(self_contained(entity, inherited, root_declarations))
    rng = random.Random(args.seed)

    body = []
    count = 0
    idps = 0
    copy = 0
    used = {target_id}
    while count < args.entities - 1:
        order = list(range(len(pool)))
        rng.shuffle(order)
        for index in order:
            if count >= args.entities - 1:
                break
            entity = pool[index]
            # Unique entity IDs: the corpus has the same ID in several documents (Entra's).
            mark = copy
            while entity_id(entity) in used:
                entity = renamed(pool[index], mark)
                mark += 1000
            used.add(entity_id(entity))
            body.append(entity)
            count += 1
            idps += "IDPSSODescriptor" in entity
        copy += 1

    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as handle:
        handle.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        handle.write("<!-- Generated by scripts/make-aggregate.py from tests/fixtures/corpus: do not commit. -->\n")
        handle.write(root_tag)
        handle.write(signature)
        handle.write("\n")
        for entity in body:
            handle.write(entity)
            handle.write("\n")
        handle.write(target)
        handle.write("\n</md:EntitiesDescriptor>\n")
    size = os.path.getsize(out)
    print(f"{out}\t{size}\t{count + 1} entities\t{idps + 1} IdPs\t{target_id}")


if __name__ == "__main__":
    sys.exit(main())
