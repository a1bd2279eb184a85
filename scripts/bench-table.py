"""Prints the `make bench` table: benches/native's TSV beside python3-saml's, with the targets.

    python3 scripts/bench-table.py NATIVE.tsv PYTHON.tsv PEER_INSTALLED WASM_GZ_BYTES RUNS SMALL_RUNS
"""

import sys
native_path, python_path, peer, wasm_gz, runs, small_runs = sys.argv[1:7]
python = {}
for line in open(python_path):
    label, n, median, low, found = line.rstrip("\n").split("\t")
    python[label] = (int(n), float(median), float(low), found)

def size(n):
    if n >= 1 << 20:
        return f"{n / (1 << 20):.1f} MB"
    return f"{n / 1024:.1f} KB"

def ms(value):
    return f"{value:.3f} ms" if value < 10 else f"{value:.1f} ms"

rows = []
for line in open(native_path):
    label, n, runs, median, low, peak, allocations, outcome = line.rstrip("\n").split("\t")
    n, median, low, peak = int(n), float(median), float(low), int(peak)
    per_mb = median / (n / (1 << 20))
    peer_row = python.get(label)
    if peer_row:
        p_runs, p_median, p_low, _ = peer_row
        peer_text = f"{ms(p_median)} (min {ms(p_low)}{', 1 run' if p_runs == 1 else ''})"
        ratio = p_median / median
        speedup = f"{ratio:.1f}×" if ratio < 10 else f"{ratio:.0f}×"
    else:
        peer_text = "python3-saml: not installed" if peer == "0" else "—"
        speedup = "—"
    multiple = peak / n
    targets = []
    if label.startswith("Entra"):
        targets.append("≥ 5× python3-saml" + (f": {'met' if peer_row and peer_row[1] / median >= 5 else 'MISSED'}" if peer_row else ""))
        targets.append(f"memory ≤ 2×: {'met' if multiple <= 1 else 'MISSED'}")
    elif "3,000" in label:
        targets.append(f"≤ 60 ms: {'met' if median <= 60 else 'MISSED'}")
        targets.append("≥ 5× python3-saml" + (f": {'met' if peer_row and peer_row[1] / median >= 5 else 'MISSED'}" if peer_row else ""))
        targets.append(f"memory ≤ 2×: {'met' if multiple <= 1 else 'MISSED'}")
    else:
        targets.append(f"≤ 1 s/MB: {'met' if per_mb <= 1000 else 'MISSED'}")
    rows.append([
        label,
        size(n),
        f"{ms(median)} (min {ms(low)})",
        peer_text,
        speedup,
        f"{1 + multiple:.2f}× (+{size(peak)}, {int(allocations):,} allocs)",
        f"{per_mb:.2f} ms/MB",
        outcome if len(outcome) < 40 else outcome[:37] + "…",
        "; ".join(targets),
    ])

header = ["input", "size", "mimecast-sso median", "python3-saml median", "speed-up",
          "peak memory / input", "per MB", "outcome", "targets (issue #2)"]
widths = [max(len(str(row[i])) for row in rows + [header]) for i in range(len(header))]
def line(cells):
    return "| " + " | ".join(str(cell).ljust(width) for cell, width in zip(cells, widths)) + " |"
print()
print(f"mimecast_sso::inspect, release build, {runs} timed runs per input, {max(int(runs), int(small_runs))} under 1 MB (python3-saml the same)")
print(line(header))
print("|" + "|".join("-" * (width + 2) for width in widths) + "|")
for row in rows:
    print(line(row))
print()
print("peak memory / input: the input buffer plus the heap inspect allocates above it, at its peak")
print("(a counting global allocator), as a multiple of the input size; the target is ≤ 2×.")
if wasm_gz:
    print(f"wasm module (target/pkg/core/mimecast_sso_bg.wasm): {int(wasm_gz) / 1024:.1f} KB gzipped (target ≤ 180 KB, verification included)")
else:
    print("wasm module: target/pkg/core/mimecast_sso_bg.wasm not built (scripts/build-wasm.sh)")
