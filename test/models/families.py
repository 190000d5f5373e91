#!/usr/bin/python3
"""The CNN families of issue 13 end to end: each model exported from
torchvision (random weights, batch-norm statistics from two random batches,
opset 17) with Debian's torch, compiled with cnnc, run, and compared with
PyTorch's own outputs: max |cnnc - torch| <= 1e-3 * max |torch| per output.
Prints one line per model (error, compile seconds, 1-thread run ms).

    families.py --cnnc build/bin/cnnc --work DIR [--models a,b]

Exits 77 (ctest: skipped) when torch or torchvision cannot be imported: the
models are too large to commit, so the test needs them at run time.
"""
import argparse
import os
import subprocess
import sys
import time

FAMILIES = [
    "convnext_tiny", "mobilenet_v3_large", "deeplabv3_resnet50",
    "resnext50_32x4d", "efficientnet_v2_s", "inception_v3", "mnasnet1_0",
    "yolo_like",
]


def yolo_like(torch):
    """A YOLO-style backbone and neck: conv-BN-SiLU, CSP-like blocks with
    residual adds, nearest 2x up-sampling and concatenations, three 1x1
    detection heads (no NMS)."""
    nn = torch.nn

    def cbs(ci, co, k=1, s=1):
        return nn.Sequential(nn.Conv2d(ci, co, k, s, k // 2, bias=False),
                             nn.BatchNorm2d(co), nn.SiLU())

    class C2(nn.Module):
        def __init__(self, ci, co):
            super().__init__()
            h = co // 2
            self.a, self.b = cbs(ci, h), cbs(ci, h)
            self.m = nn.Sequential(cbs(h, h, 3), cbs(h, h, 3))
            self.o = cbs(2 * h, co)

        def forward(self, x):
            a = self.a(x)
            return self.o(torch.cat([self.m(a) + a, self.b(x)], 1))

    class Yolo(nn.Module):
        def __init__(self):
            super().__init__()
            self.stem = cbs(3, 16, 3, 2)
            self.d1 = nn.Sequential(cbs(16, 32, 3, 2), C2(32, 32))
            self.d2 = nn.Sequential(cbs(32, 64, 3, 2), C2(64, 64))
            self.d3 = nn.Sequential(cbs(64, 128, 3, 2), C2(128, 128))
            self.d4 = nn.Sequential(cbs(128, 256, 3, 2), C2(256, 256))
            self.up = nn.Upsample(scale_factor=2, mode="nearest")
            self.n1, self.n2 = C2(256 + 128, 128), C2(128 + 64, 64)
            self.h1 = nn.Conv2d(64, 255, 1)
            self.h2 = nn.Conv2d(128, 255, 1)
            self.h3 = nn.Conv2d(256, 255, 1)

        def forward(self, x):
            p3 = self.d2(self.d1(self.stem(x)))
            p4 = self.d3(p3)
            p5 = self.d4(p4)
            n4 = self.n1(torch.cat([self.up(p5), p4], 1))
            n3 = self.n2(torch.cat([self.up(n4), p3], 1))
            return self.h1(n3), self.h2(n4), self.h3(p5)

    return Yolo(), (1, 3, 320, 320)


def export(name, work, torch, torchvision, np):
    torch.manual_seed(0)
    if name == "yolo_like":
        model, shape = yolo_like(torch)
    elif name == "deeplabv3_resnet50":
        model = torchvision.models.segmentation.deeplabv3_resnet50(
            weights=None, weights_backbone=None, aux_loss=False)
        shape = (1, 3, 224, 224)
    elif name == "inception_v3":
        model = torchvision.models.inception_v3(weights=None, aux_logits=False,
                                                init_weights=True)
        shape = (1, 3, 299, 299)
    else:
        model = getattr(torchvision.models, name)(weights=None)
        shape = (1, 3, 224, 224)
    model.train()
    with torch.no_grad():
        for _ in range(2):
            model(torch.randn(2, *shape[1:]))
    model.eval()
    x = torch.randn(*shape)
    with torch.no_grad():
        y = model(x)
    if isinstance(y, dict):
        y = y["out"]
    ys = y if isinstance(y, tuple) else (y,)
    torch.onnx.export(model, x, os.path.join(work, name + ".onnx"),
                      opset_version=17, input_names=["input"],
                      do_constant_folding=True)
    np.save(os.path.join(work, name + ".input.npy"), x.numpy())
    for i, yi in enumerate(ys):
        np.save(os.path.join(work, f"{name}.torch{i}.npy"), yi.numpy())
    return len(ys)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cnnc", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--models", default=",".join(FAMILIES))
    args = ap.parse_args()
    try:
        import numpy as np
        import torch
        import torchvision
    except ImportError as e:
        print(f"families: skipped: {e} (Debian python3-torch and "
              "python3-torchvision make the models)")
        return 77
    os.makedirs(args.work, exist_ok=True)
    failed = 0
    for name in args.models.split(","):
        base = os.path.join(args.work, name)
        outputs = export(name, args.work, torch, torchvision, np)
        start = time.time()
        r = subprocess.run([args.cnnc, base + ".onnx", "-o", base + ".exe"],
                           capture_output=True, text=True)
        seconds = time.time() - start
        if r.returncode:
            print(f"{name}: compile failed: {r.stderr.strip()[:400]}")
            failed += 1
            continue
        cmd = [base + ".exe", "--input", base + ".input.npy"]
        for i in range(outputs):
            cmd += ["--output", f"{base}.cnnc{i}.npy"]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode:
            print(f"{name}: run failed: {r.stderr.strip()[:400]}")
            failed += 1
            continue
        worst = 0.0
        for i in range(outputs):
            got = np.load(f"{base}.cnnc{i}.npy").astype(np.float64)
            want = np.load(f"{base}.torch{i}.npy").astype(np.float64)
            if got.shape != want.shape:
                worst = float("inf")
                break
            worst = max(worst, np.abs(got - want).max() /
                        max(np.abs(want).max(), 1e-30))
        bench = subprocess.run([base + ".exe", "--bench", "5", "--threads",
                                "1"], capture_output=True, text=True).stdout
        ms = bench.split('"median_ms":')[1].split(",")[0] if bench else "?"
        ok = worst <= 1e-3
        failed += not ok
        print(f"{name}: {'match' if ok else 'MISMATCH'}, max error "
              f"{worst:.1e} of max |torch|, compile {seconds:.1f} s, "
              f"1 thread {ms} ms", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
