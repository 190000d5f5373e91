#!/usr/bin/env python3
"""Whole-model latency of cnnc against ONNX Runtime, OpenVINO and PyTorch.

Run through benchmarks/compare-models.sh, which makes the virtual environment
(onnxruntime, openvino, matplotlib pinned from PyPI; torch and torchvision
from Debian's python3-torch, seen through --system-site-packages).

For every model: export it from torchvision (or the small U-Net below) to
ONNX (opset 13, batch 1, 224x224 unless noted), compile it with cnnc
(timing the compile and the compiler's peak memory), check cnnc's output
against ONNX Runtime's on one random input, then time all four on the same
input, for each thread count, in one run. Prints a table and writes
results.json, results.csv and latency.png into the output folder.

Each engine's figure is the lowest of --rounds medians, the rounds taken in
turn (cnnc, ONNX Runtime, OpenVINO, cnnc, ...): the VMs this runs on have
bursts of other load lasting seconds, and one burst during one engine's
only median moved a ratio by 1.4x (EfficientNet-B0 on 2 threads: 10.45 ms
in the table, 6.2-6.4 ms in --bench runs right after). PyTorch, an order of
magnitude slower and never the fastest peer, is timed in the first round
only.

The FMA peak of this machine is measured in the same run (cnnc-fma-peak,
built with the project) so "% of peak" is against this processor, now.
"""

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import time

import numpy as np

MODELS = [
    "resnet18", "resnet50", "vgg16", "mobilenet_v2", "squeezenet1_1",
    "densenet121", "efficientnet_b0", "googlenet", "shufflenet_v2_x1_0",
    "unet", "regnet_x_400mf", "alexnet", "fcn",
]


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------
# Models


def make_unet(torch):
    """A 4-level U-Net (Ronneberger et al.) with bilinear up-sampling, 32 base
    channels, on 1x3x256x256: segmentation-style skip concatenations."""
    nn = torch.nn

    def block(cin, cout):
        return nn.Sequential(
            nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(),
            nn.Conv2d(cout, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU())

    class UNet(nn.Module):
        def __init__(self, base=32, classes=2):
            super().__init__()
            c = [base, base * 2, base * 4, base * 8, base * 16]
            self.downs = nn.ModuleList(
                [block(3, c[0])] + [block(c[i], c[i + 1]) for i in range(4)])
            self.ups = nn.ModuleList(
                [block(c[i + 1] + c[i], c[i]) for i in reversed(range(4))])
            self.head = nn.Conv2d(c[0], classes, 1)

        def forward(self, x):
            skips = []
            for i, down in enumerate(self.downs):
                x = down(x if i == 0 else nn.functional.max_pool2d(x, 2))
                skips.append(x)
            skips.pop()
            for up in self.ups:
                x = nn.functional.interpolate(x, scale_factor=2, mode="bilinear",
                                              align_corners=False)
                x = up(torch.cat([x, skips.pop()], dim=1))
            return self.head(x)

    return UNet(), (1, 3, 256, 256)


def make_fcn(torch):
    """An FCN-8s-style segmentation net (Long et al.; examples/fcn.cnn at
    half width) on 1x3x224x224: a small VGG-like encoder, class scores from
    three depths fused and up-sampled bilinearly, softmax over 21 classes."""
    nn = torch.nn
    up = nn.functional.interpolate

    def stage(n, cin, cout):
        layers = []
        for i in range(n):
            layers += [nn.Conv2d(cin if i == 0 else cout, cout, 3, padding=1),
                       nn.ReLU()]
        return nn.Sequential(*layers, nn.MaxPool2d(2))

    class FCN(nn.Module):
        def __init__(self, classes=21):
            super().__init__()
            self.s12 = nn.Sequential(stage(2, 3, 16), stage(2, 16, 32))
            self.s3, self.s4 = stage(3, 32, 64), stage(3, 64, 128)
            self.s5 = stage(3, 128, 128)
            self.fc = nn.Sequential(nn.Conv2d(128, 256, 7, padding=3), nn.ReLU(),
                                    nn.Conv2d(256, 256, 1), nn.ReLU())
            self.score = nn.Conv2d(256, classes, 1)
            self.score4 = nn.Conv2d(128, classes, 1)
            self.score3 = nn.Conv2d(64, classes, 1)

        def forward(self, x):
            p3 = self.s3(self.s12(x))
            p4 = self.s4(p3)
            s = self.score(self.fc(self.s5(p4)))
            s = up(s, scale_factor=2, mode="bilinear", align_corners=False)
            s = up(s + self.score4(p4), scale_factor=2, mode="bilinear",
                   align_corners=False)
            s = up(s + self.score3(p3), scale_factor=8, mode="bilinear",
                   align_corners=False)
            return torch.softmax(s, dim=1)

    return FCN(), (1, 3, 224, 224)


def export(name, path, torch, torchvision):
    torch.manual_seed(0)
    if name == "unet":
        model, shape = make_unet(torch)
    elif name == "fcn":
        model, shape = make_fcn(torch)
    else:
        kwargs = {"aux_logits": False, "init_weights": True} \
            if name == "googlenet" else {}
        model = getattr(torchvision.models, name)(weights=None, **kwargs)
        shape = (1, 3, 224, 224)
    model.eval()
    # BatchNorm statistics from a few random batches, so activations stay
    # O(1) through deep nets (default init makes late layers ~constant).
    model.train()
    with torch.no_grad():
        for _ in range(3):
            model(torch.randn(4, *shape[1:]))
    model.eval()
    x = torch.randn(*shape)
    torch.onnx.export(model, x, path, opset_version=13, input_names=["input"],
                      output_names=["output"], do_constant_folding=True)
    return model, shape


def count_gflop(path):
    """2 x MACs of Conv/ConvTranspose/Gemm/MatMul from ONNX shape inference."""
    import onnx
    from onnx import numpy_helper, shape_inference
    m = shape_inference.infer_shapes(onnx.load(path))
    g = m.graph
    shapes = {}
    for v in list(g.value_info) + list(g.input) + list(g.output):
        dims = [d.dim_value for d in v.type.tensor_type.shape.dim]
        shapes[v.name] = dims
    for t in g.initializer:
        shapes[t.name] = list(t.dims)
    macs = 0
    for n in g.node:
        if n.op_type == "Conv" and n.output[0] in shapes:
            out = shapes[n.output[0]]
            w = shapes.get(n.input[1])
            if w and out:
                macs += np.prod(out) * np.prod(w[1:])
        elif n.op_type == "ConvTranspose" and n.input[0] in shapes:
            x, w = shapes[n.input[0]], shapes.get(n.input[1])
            if w:
                macs += np.prod(x) * np.prod(w[1:])
        elif n.op_type in ("Gemm", "MatMul") and n.output[0] in shapes:
            out = shapes[n.output[0]]
            a = shapes.get(n.input[0])
            if a and out:
                k = a[0] if n.op_type == "Gemm" and any(
                    at.name == "transA" and at.i for at in n.attribute) else a[-1]
                macs += np.prod(out) * k
    return 2.0 * macs / 1e9


# ----------------------------------------------------------------------------
# Runners: each returns the median latency in ms over `runs` runs.


def median_ms(fn, runs, warmup=3):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def time_ort(path, x, threads, runs):
    import onnxruntime as ort
    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    so.inter_op_num_threads = 1
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    s = ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
    name = s.get_inputs()[0].name
    return median_ms(lambda: s.run(None, {name: x}), runs)


def ort_output(path, x):
    import onnxruntime as ort
    s = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    return s.run(None, {s.get_inputs()[0].name: x})[0]


def time_openvino(path, x, threads, runs):
    import openvino as ov
    core = ov.Core()
    compiled = core.compile_model(
        path, "CPU", {"INFERENCE_NUM_THREADS": threads,
                      "PERFORMANCE_HINT": "LATENCY",
                      "INFERENCE_PRECISION_HINT": "f32"})
    request = compiled.create_infer_request()
    return median_ms(lambda: request.infer({0: x}), runs)


def time_torch(model, x, threads, runs, torch):
    torch.set_num_threads(threads)
    t = torch.from_numpy(x)
    with torch.no_grad():
        return median_ms(lambda: model(t), runs)


def time_cnnc(exe, xfile, threads, runs):
    out = subprocess.run([exe, "--bench", str(runs), "--threads", str(threads),
                          "--input", xfile], check=True, capture_output=True,
                         text=True).stdout
    return json.loads(out)["median_ms"]


def compile_cnnc(cnnc, onnx_path, exe):
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M", cnnc, onnx_path, "-o", exe],
                       capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if p.returncode != 0:
        # The last line is time's peak memory; the error is above it.
        lines = p.stderr.strip().splitlines()[:-1]
        raise RuntimeError(" / ".join(lines[-2:]) if lines else
                           f"cnnc exit {p.returncode}")
    peak_kb = int(p.stderr.strip().splitlines()[-1])
    return seconds, peak_kb / 1024.0


# ----------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cnnc", required=True, help="path to the cnnc binary")
    ap.add_argument("--fma-peak", required=True, help="path to cnnc-fma-peak")
    ap.add_argument("--out", required=True, help="folder for models and results")
    ap.add_argument("--models", default=",".join(MODELS))
    ap.add_argument("--threads", default=f"1,{os.cpu_count()}")
    ap.add_argument("--runs", type=int, default=20,
                    help="timed runs per median (default 20)")
    ap.add_argument("--rounds", type=int, default=3,
                    help="medians per engine, taken in turn; the lowest "
                         "counts (default 3)")
    ap.add_argument("--peers", default="ort,openvino,torch")
    args = ap.parse_args()
    if os.path.exists(args.out) and not os.path.isdir(args.out):
        ap.error(f"--out {args.out} exists and is not a folder")
    os.makedirs(args.out, exist_ok=True)
    import torch
    import torchvision
    threads = [int(t) for t in args.threads.split(",")]
    peers = args.peers.split(",")

    peak = json.loads(subprocess.run([args.fma_peak], check=True,
                                     capture_output=True, text=True).stdout)
    log(f"FMA peak per core: {peak['widest']:.1f} GFLOP/s ({peak['isa']})")
    rows = []
    for name in args.models.split(","):
        row = {"model": name}
        rows.append(row)
        try:
            onnx_path = os.path.join(args.out, name + ".onnx")
            exe = os.path.join(args.out, name)
            log(f"[{name}] export")
            model, shape = export(name, onnx_path, torch, torchvision)
            row["gflop"] = round(count_gflop(onnx_path), 3)
            log(f"[{name}] compile with cnnc")
            row["compile_s"], row["compile_peak_mb"] = compile_cnnc(
                args.cnnc, onnx_path, exe)
            x = np.random.default_rng(0).standard_normal(shape).astype(np.float32)
            xfile = os.path.join(args.out, name + ".input.npy")
            yfile = os.path.join(args.out, name + ".cnnc.npy")
            np.save(xfile, x)
            subprocess.run([exe, "--input", xfile, "--output", yfile], check=True,
                           capture_output=True)
            got, want = np.load(yfile), ort_output(onnx_path, x)
            err = float(np.max(np.abs(got - want)))
            scale = float(np.max(np.abs(want)))
            row["max_abs_err"] = err
            row["matches_ort"] = bool(err <= 1e-3 * scale + 1e-4)
            for t in threads:
                log(f"[{name}] time, {t} thread(s), {args.rounds} round(s)")

                def keep(key, ms):
                    old = row.get(key)
                    row[key] = ms if old is None or ms is None else min(old, ms)

                ov_failed = False
                for r in range(args.rounds):
                    keep(f"cnnc_ms_{t}", time_cnnc(exe, xfile, t, args.runs))
                    if "ort" in peers:
                        keep(f"ort_ms_{t}",
                             time_ort(onnx_path, x, t, args.runs))
                    if "openvino" in peers and not ov_failed:
                        try:
                            keep(f"openvino_ms_{t}",
                                 time_openvino(onnx_path, x, t, args.runs))
                        except Exception as e:  # a peer's failure is a table entry
                            row[f"openvino_ms_{t}"] = None
                            ov_failed = True
                            log(f"[{name}] openvino: {e}")
                    if "torch" in peers and r == 0:
                        row[f"torch_ms_{t}"] = time_torch(model, x, t,
                                                          args.runs, torch)
                best = min(v for k, v in row.items()
                           if k.endswith(f"_ms_{t}") and not k.startswith("cnnc")
                           and v)
                row[f"speedup_{t}"] = best / row[f"cnnc_ms_{t}"]
                row[f"pct_peak_{t}"] = 100.0 * row["gflop"] / (
                    row[f"cnnc_ms_{t}"] / 1e3) / (peak["widest"] * t)
        except Exception as e:
            row["error"] = str(e)
            log(f"[{name}] failed: {e}")

    report(rows, threads, peak, args.out, args.rounds, args.runs)


def fmt(v, digits=2):
    return "n/a" if v is None else f"{v:.{digits}f}"


def report(rows, threads, peak, out, rounds, runs):
    lines = [f"FMA peak (measured in this run): {peak['widest']:.1f} GFLOP/s per "
             f"core ({peak['isa']}); batch 1, fp32, median latency in ms "
             f"(the lowest of {rounds} medians of {runs} runs, taken in turn).",
             ""]
    for t in threads:
        lines.append(f"### {t} thread(s)")
        lines.append("")
        lines.append("| model | GFLOP | cnnc | ONNX Runtime | OpenVINO | PyTorch | "
                     "cnnc speed-up vs fastest peer | cnnc % of peak | matches ORT |")
        lines.append("|---|---|---|---|---|---|---|---|---|")
        speedups = []
        for r in rows:
            if "error" in r:
                lines.append(f"| {r['model']} | failed: {r['error']} |||||||")
                continue
            s = r.get(f"speedup_{t}")
            speedups.append(s)
            lines.append(
                f"| {r['model']} | {fmt(r['gflop'])} | {fmt(r.get(f'cnnc_ms_{t}'))} | "
                f"{fmt(r.get(f'ort_ms_{t}'))} | {fmt(r.get(f'openvino_ms_{t}'))} | "
                f"{fmt(r.get(f'torch_ms_{t}'))} | {fmt(s)}x | "
                f"{fmt(r.get(f'pct_peak_{t}'), 0)}% | "
                f"{'yes' if r.get('matches_ort') else 'NO'} |")
        if speedups:
            geo = float(np.exp(np.mean(np.log(speedups))))
            lines.append("")
            lines.append(f"Geometric mean speed-up vs the fastest peer: {geo:.2f}x; "
                         f"slowest: {min(speedups):.2f}x")
        lines.append("")
    lines.append("### Compile")
    lines.append("")
    lines.append("| model | compile s | peak compiler memory MB |")
    lines.append("|---|---|---|")
    for r in rows:
        if "error" not in r:
            lines.append(f"| {r['model']} | {fmt(r['compile_s'], 1)} | "
                         f"{fmt(r['compile_peak_mb'], 0)} |")
    text = "\n".join(lines)
    print(text)
    with open(os.path.join(out, "results.md"), "w") as f:
        f.write(text + "\n")
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump({"peak": peak, "threads": threads, "models": rows}, f, indent=1)
    keys = sorted({k for r in rows for k in r})
    with open(os.path.join(out, "results.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=keys)
        w.writeheader()
        w.writerows(rows)
    chart(rows, threads, out)


def chart(rows, threads, out):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        log("matplotlib missing: no chart")
        return
    ok = [r for r in rows if "error" not in r]
    fig, axes = plt.subplots(1, len(threads), figsize=(7 * len(threads), 5))
    if len(threads) == 1:
        axes = [axes]
    peers = [("cnnc", "cnnc"), ("ort", "ONNX Runtime"), ("openvino", "OpenVINO"),
             ("torch", "PyTorch")]
    for ax, t in zip(axes, threads):
        xs = np.arange(len(ok))
        width = 0.2
        for i, (key, label) in enumerate(peers):
            vals = [r.get(f"{key}_ms_{t}") or 0 for r in ok]
            ax.bar(xs + (i - 1.5) * width, vals, width, label=label)
        ax.set_xticks(xs)
        ax.set_xticklabels([r["model"] for r in ok], rotation=45, ha="right")
        ax.set_yscale("log")
        ax.set_ylabel("latency, ms (log scale, lower is better)")
        ax.set_title(f"batch 1, {t} thread(s)")
        ax.legend()
    fig.tight_layout()
    fig.savefig(os.path.join(out, "latency.png"), dpi=100)


if __name__ == "__main__":
    main()
