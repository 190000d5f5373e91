#!/usr/bin/env python3
"""report.py BENCH.json OUT_DIR: the per-layer table (Markdown), CSV and a
chart (PNG, matplotlib if present) from a cnnc-bench-kernels run written with
--benchmark_out=BENCH.json --benchmark_out_format=json."""
import csv
import json
import os
import sys


def main():
    data = json.load(open(sys.argv[1]))
    out = sys.argv[2]
    os.makedirs(out, exist_ok=True)
    ctx = data["context"]
    # With --benchmark_repetitions=R (and random interleaving, so that a
    # burst of other load on the VM cannot land on one engine only), each
    # implementation's figure is its fastest repetition; the ratios are
    # taken between those, not from the in-process vs_onednn counter.
    fastest = {}
    for b in data["benchmarks"]:
        if b.get("run_type", "iteration") != "iteration":
            continue
        parts = b["run_name"].split("/") if "run_name" in b else \
            b["name"].split("/")
        if len(parts) < 3:
            continue
        key = tuple(parts[:3])
        if key not in fastest or b["real_time"] < fastest[key]["real_time"]:
            fastest[key] = b
    layers = {}
    # (Rows in registration order: interleaving shuffles the JSON's.)
    for (kind, layer, impl), b in sorted(
            fastest.items(), key=lambda kv: kv[1].get("family_index", 0)):
        row = layers.setdefault(layer, {"layer": layer, "kind": kind})
        row[f"{impl}_ms"] = b["real_time"]
        row[f"{impl}_gflops"] = b.get("GFLOP/s", 0)
        row[f"{impl}_pct_peak"] = b.get("pct_peak", 0)
        row[f"{impl}_gbps"] = b.get("GB/s", 0)
    for row in layers.values():
        for impl in ("cnnc", "cnnc_nhwc", "cnnc_winograd"):
            if f"{impl}_ms" in row and row.get("onednn_ms"):
                row[f"{impl}_vs_onednn"] = row["onednn_ms"] / row[f"{impl}_ms"]
    rows = list(layers.values())
    repetitions = max((b.get("repetitions", 1) for b in data["benchmarks"]),
                      default=1)
    peak = float(ctx.get("fma_peak_zmm_gflops_per_core", 0)) or float(
        ctx.get("fma_peak_ymm_gflops_per_core", 0))
    lines = [f"Peak measured in this run: {peak:.1f} GFLOP/s per core "
             f"(AVX2: {float(ctx.get('fma_peak_ymm_gflops_per_core', 0)):.1f}); "
             f"threads: {ctx.get('threads', '1')}; batch 1, fp32; "
             + (f"each figure the fastest of {repetitions} repetitions, run in "
                "random interleaved order. " if repetitions > 1 else "")
             + "cnnc: NCHW in and "
             "out, as users call a one-layer model (it pays the NCHW<->NHWC "
             "conversion at the layer's boundary), direct kernel "
             "(--winograd=off); cnnc NHWC: the same layer compiled with "
             "--io-layout=nhwc (the kernel as it runs inside a model); "
             "Winograd: NHWC as Winograd (--winograd=all; F(2x2, 3x3) for "
             "stride 1 and dilated layers, F(2x2, 2x2) on the even pixels "
             "plus the odd ones for stride 2; cnnc's default takes 3x3 "
             "layers with 16+ channels on maps of 7x7 and up, stride-2 ones "
             "computing at most 9/8 of the map's outputs, dilated ones at "
             "most 3/2 with the dilation below half the map; "
             "nominal FLOPs, so above 100% of peak); oneDNN "
             "runs in its own "
             "blocked layout.", "",
             "| layer | cnnc ms | cnnc | cnnc NHWC ms | cnnc NHWC | oneDNN ms "
             "| oneDNN | cnnc vs oneDNN | cnnc NHWC vs oneDNN | Winograd ms "
             "| Winograd vs oneDNN |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]

    def rate(r, impl):
        # Convolutions: share of the FMA peak; memory-bound layers: GB/s.
        if r["kind"] in ("conv", "deconv"):
            return f"{r.get(impl + '_pct_peak', 0):.0f}% peak"
        return f"{r.get(impl + '_gbps', 0):.1f} GB/s"

    for r in rows:
        nhwc = "cnnc_nhwc_ms" in r
        lines.append(
            f"| {r['layer']} | {r.get('cnnc_ms', 0):.3f} | {rate(r, 'cnnc')} | "
            + (f"{r['cnnc_nhwc_ms']:.3f} | {rate(r, 'cnnc_nhwc')} | " if nhwc
               else "- | - | ")
            + f"{r.get('onednn_ms', 0):.3f} | {rate(r, 'onednn')} | "
            f"{r.get('cnnc_vs_onednn', 0):.2f}x | "
            + (f"{r.get('cnnc_nhwc_vs_onednn', 0):.2f}x |" if nhwc else "- |")
            + (f" {r['cnnc_winograd_ms']:.3f} | "
               f"{r.get('cnnc_winograd_vs_onednn', 0):.2f}x |"
               if "cnnc_winograd_ms" in r else " - | - |"))
    text = "\n".join(lines)
    print(text)
    open(os.path.join(out, "kernels.md"), "w").write(text + "\n")
    keys = sorted({k for r in rows for k in r})
    with open(os.path.join(out, "kernels.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=keys)
        w.writeheader()
        w.writerows(rows)
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return
    fig, ax = plt.subplots(figsize=(12, 5))
    xs = range(len(rows))
    convs = [r for r in rows if r["kind"] in ("conv", "deconv")]
    xs = range(len(convs))
    ax.bar([x - 0.27 for x in xs], [r.get("cnnc_pct_peak", 0) for r in convs],
           0.27, label="cnnc (NCHW in/out)")
    ax.bar([x for x in xs], [r.get("cnnc_nhwc_pct_peak", 0) for r in convs],
           0.27, label="cnnc (NHWC in/out)")
    ax.bar([x + 0.27 for x in xs], [r.get("onednn_pct_peak", 0) for r in convs],
           0.27, label="oneDNN")
    ax.set_xticks(list(xs))
    ax.set_xticklabels([r["layer"] for r in convs], rotation=60, ha="right", fontsize=7)
    ax.set_ylabel("% of the FMA peak measured in the run")
    ax.set_title("Convolution layers, batch 1, 1 thread")
    ax.legend()
    fig.tight_layout()
    fig.savefig(os.path.join(out, "kernels.png"), dpi=100)


if __name__ == "__main__":
    main()
