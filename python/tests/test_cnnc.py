"""Tests of the cnnc Python package against onnxruntime (and the PyTorch
outputs committed with the fixtures). Run by python/run-tests.sh (ctest
`python-package`) with CNNC pointing at an installed cnnc."""

import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

import cnnc

ROOT = Path(__file__).resolve().parents[2]
MODELS = ROOT / "test" / "models"
FIXTURES = sorted(p.stem for p in MODELS.glob("*.onnx"))


def fixture(name):
    x = np.load(MODELS / f"{name}.input0.npy")
    refs = [np.load(p) for p in sorted(MODELS.glob(f"{name}.output*.npy"))]
    return x, refs


def close(got, ref, tol=1e-4):
    scale = max(1e-6, float(np.max(np.abs(ref))))
    return float(np.max(np.abs(got - ref))) / scale <= tol


@pytest.fixture(scope="module")
def resnet():
    return cnnc.compile(MODELS / "resnet_narrow.onnx")


def test_fixtures_found():
    assert len(FIXTURES) >= 8


@pytest.mark.parametrize("name", FIXTURES)
def test_matches_onnxruntime(name):
    ort = pytest.importorskip("onnxruntime")
    model = cnnc.compile(MODELS / f"{name}.onnx")
    x, torch_refs = fixture(name)
    outs = model(x)
    session = ort.InferenceSession(str(MODELS / f"{name}.onnx"),
                                   providers=["CPUExecutionProvider"])
    ort_outs = session.run(None, {session.get_inputs()[0].name: x})
    assert len(outs) == len(ort_outs) == len(model.outputs)
    for got, ref, info in zip(outs, ort_outs, model.outputs):
        assert got.shape == ref.shape == info.shape
        assert got.dtype == info.dtype
        assert close(got, ref), f"{name}/{info.name} differs from onnxruntime"
    for got, ref in zip(outs, torch_refs):
        assert close(got, ref), f"{name} differs from PyTorch"


def test_metadata(resnet):
    (x,) = resnet.inputs
    assert x.shape == (2, 3, 64, 64) and x.dtype == np.float32
    assert x.name == "input"
    assert [o.shape for o in resnet.outputs] == [(2, 10)]
    assert "TensorInfo(name='input', shape=(2, 3, 64, 64)" in repr(resnet)
    assert resnet.name == "model"


def test_model_proto_and_bytes():
    onnx = pytest.importorskip("onnx")
    proto = onnx.load(str(MODELS / "lenet5.onnx"))
    x, (ref,) = fixture("lenet5")
    assert close(cnnc.compile(proto)(x)[0], ref)
    assert close(cnnc.compile(proto.SerializeToString())(x)[0], ref)


def test_cnn_description_and_options():
    path = ROOT / "examples" / "lenet5.cnn"
    fast = cnnc.compile(path, seed=3)
    simple = cnnc.compile(path, seed=3, opt_level=0)
    x = np.random.default_rng(1).standard_normal(
        fast.inputs[0].shape).astype(np.float32)
    assert close(fast(x)[0], simple(x)[0])
    assert fast.inputs == simple.inputs


def test_options_reach_cnnc():
    model = cnnc.compile(MODELS / "resnet_narrow.onnx", winograd="off",
                         io_layout="nhwc", name="resnet_nhwc")
    assert model.name == "resnet_nhwc"
    assert model.inputs[0].shape == (2, 64, 64, 3)
    x, (ref,) = fixture("resnet_narrow")
    assert close(model(np.ascontiguousarray(x.transpose(0, 2, 3, 1)))[0], ref)


def test_named_and_noncontiguous_inputs(resnet):
    x, (ref,) = fixture("resnet_narrow")
    assert close(resnet(input=x)[0], ref)
    # A transposed view is copied to C order, not misread.
    view = np.ascontiguousarray(x.transpose(0, 1, 3, 2)).transpose(0, 1, 3, 2)
    assert not view.flags.c_contiguous
    assert close(resnet(view)[0], ref)


def test_input_errors(resnet):
    x, _ = fixture("resnet_narrow")
    with pytest.raises(TypeError, match="expected float32, got float64"):
        resnet(x.astype(np.float64))
    with pytest.raises(ValueError, match=r"expected shape \(2, 3, 64, 64\)"):
        resnet(x[:, :2])
    with pytest.raises(TypeError, match="takes 1 input"):
        resnet(x, x)
    with pytest.raises(TypeError, match="takes 1 input"):
        resnet()
    with pytest.raises(TypeError, match="unknown input"):
        resnet(image=x)
    with pytest.raises(TypeError, match="not both"):
        resnet(x, input=x)


def test_compile_errors(tmp_path):
    malformed = ROOT / "test" / "Frontend" / "Onnx" / "Malformed"
    with pytest.raises(cnnc.CompileError,
                       match="node 'conv_pads': Conv: attribute 'pads'"):
        cnnc.compile(malformed / "huge_pads.onnx")
    with pytest.raises(FileNotFoundError):
        cnnc.compile(tmp_path / "missing.onnx")
    with pytest.raises(ValueError, match="not a C identifier"):
        cnnc.compile(MODELS / "lenet5.onnx", name="3d-net")
    with pytest.raises(TypeError, match="must be a path"):
        cnnc.compile(42)
    with pytest.raises(cnnc.CompileError, match="not an executable"):
        cnnc.compile(MODELS / "lenet5.onnx", cnnc=tmp_path / "nope")
    with pytest.raises(cnnc.CompileError, match="Unknown command line"):
        cnnc.compile(MODELS / "lenet5.onnx", no_such_flag=1)


def test_output_dir_kept(tmp_path):
    model = cnnc.compile(MODELS / "lenet5.onnx", output_dir=tmp_path,
                         name="lenet")
    assert (tmp_path / "lenet.so").is_file()
    assert (tmp_path / "lenet.h").is_file()
    del model
    assert (tmp_path / "lenet.so").is_file()


def test_threads(resnet):
    x, (ref,) = fixture("resnet_narrow")
    resnet.threads = 1
    assert resnet.threads == 1
    one = resnet(x)[0]
    resnet.threads = 2
    assert resnet.threads == 2
    assert np.array_equal(one, resnet(x)[0])
    with pytest.raises(ValueError):
        resnet.threads = -1
    resnet.threads = 0  # back to the default


def test_concurrent_calls(resnet):
    rng = np.random.default_rng(7)
    xs = [rng.standard_normal(resnet.inputs[0].shape).astype(np.float32)
          for _ in range(4)]
    expected = [resnet(x)[0] for x in xs]
    errors = []

    def work(i):
        for _ in range(10):
            if not np.array_equal(resnet(xs[i])[0], expected[i]):
                errors.append(i)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors


def test_benchmark_and_profile(resnet):
    stats = resnet.benchmark(runs=5)
    assert stats["runs"] == 5
    assert 0 < stats["min_ms"] <= stats["median_ms"] <= stats["max_ms"]
    assert stats["threads"] >= 1
    prof = resnet.profile(runs=3)
    assert prof["runs"] == 3 and prof["total_ms"] > 0
    assert any(k["name"].startswith("conv") for k in prof["kernels"])
    times = [k["ms"] for k in prof["kernels"]]
    assert times == sorted(times, reverse=True)


def test_readme_example(tmp_path):
    """The README's "Use from Python" block, run as written from the
    repository's root."""
    text = (ROOT / "README.md").read_text()
    section = text.split("## Use from Python", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    script = tmp_path / "example.py"
    script.write_text(code)
    done = subprocess.run([sys.executable, str(script)], cwd=ROOT,
                          capture_output=True, text=True,
                          env=dict(os.environ))
    assert done.returncode == 0, done.stderr
    assert "max difference from onnxruntime" in done.stdout
