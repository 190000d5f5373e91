"""The compile() entry point and the Model it returns (ctypes over the
shared library cnnc writes, described by the header written beside it)."""

import ctypes
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
import weakref
from dataclasses import dataclass
from pathlib import Path

import numpy as np


class CompileError(RuntimeError):
    """cnnc refused the model (its message names the node or line), or the
    compiler could not be found."""


@dataclass(frozen=True)
class TensorInfo:
    """One graph input or output: its name, shape and numpy dtype."""

    name: str
    shape: tuple
    dtype: np.dtype

    def __repr__(self):
        return (f"TensorInfo(name={self.name!r}, shape={self.shape}, "
                f"dtype={self.dtype.name})")


# The header's dtype names (ModelInterface.cpp) as numpy dtypes. float16 is
# passed as its bits, which numpy's float16 stores the same way.
_DTYPES = {"float32": np.float32, "float64": np.float64,
           "float16": np.float16, "int64": np.int64, "int32": np.int32,
           "bool": np.bool_}


def find_compiler(cnnc=None):
    """The cnnc executable: `cnnc` if given, else $CNNC, else PATH."""
    path = cnnc or os.environ.get("CNNC") or shutil.which("cnnc")
    if not path:
        raise CompileError("cannot find the cnnc compiler: pass cnnc=PATH, "
                           "set the CNNC environment variable or put cnnc "
                           "on PATH")
    path = os.fspath(path)
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise CompileError(f"the cnnc compiler '{path}' is not an "
                           f"executable file")
    return path


def _flags(options):
    """cnnc command-line flags of compile()'s keyword options:
    winograd="off" -> --winograd=off, io_layout="nhwc" -> --io-layout=nhwc,
    dim={"batch": 1} -> --dim=batch=1, disable_pass=[a, b] -> repeated,
    True -> the bare flag, None / False -> left out, opt_level=N -> -ON."""
    out = []
    for key, value in options.items():
        if value is None or value is False:
            continue
        if key == "opt_level":
            out.append(f"-O{int(value)}")
            continue
        flag = "--" + key.replace("_", "-")
        if value is True:
            out.append(flag)
        elif isinstance(value, dict):
            out += [f"{flag}={k}={os.fspath(v) if isinstance(v, os.PathLike) else v}"
                    for k, v in value.items()]
        elif isinstance(value, (list, tuple)):
            out += [f"{flag}={v}" for v in value]
        else:
            out.append(f"{flag}={os.fspath(value) if isinstance(value, os.PathLike) else value}")
    return out


def compile(model, *, target="host", threads=None, name="model", cnnc=None,
            output_dir=None, **options):
    """Compiles `model` and loads it.

    model: path of an .onnx, .cnn or .mlir file, an onnx.ModelProto (or
        anything with SerializeToString()), or the bytes of an ONNX model.
    target: host (default), x86-64-v4, x86-64-v3 or x86-64.
    threads: threads the model runs on (default: CNNC_NUM_THREADS, else all
        cores); also settable later with Model.threads.
    name: the C symbol prefix (a C identifier).
    cnnc: the compiler; default $CNNC, else PATH.
    output_dir: where the library and its header are kept; default a
        temporary folder removed with the Model.
    options: further cnnc flags, e.g. winograd="off", dim={"batch": 4},
        bind={"shape": "shape.npy"}, weights="w.safetensors", opt_level=0.

    Raises CompileError with cnnc's message when the model is refused."""
    compiler = find_compiler(cnnc)
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise ValueError(f"name {name!r} is not a C identifier")
    if output_dir is None:
        work = tempfile.mkdtemp(prefix="cnnc-")
        owned = True
    else:
        work = os.fspath(output_dir)
        os.makedirs(work, exist_ok=True)
        owned = False
    try:
        if isinstance(model, (str, os.PathLike)):
            source = os.fspath(model)
            if not os.path.isfile(source):
                raise FileNotFoundError(f"no model file '{source}'")
        else:
            data = model if isinstance(model, (bytes, bytearray)) else None
            if data is None and hasattr(model, "SerializeToString"):
                data = model.SerializeToString()
            if data is None:
                raise TypeError("model must be a path, an onnx.ModelProto or "
                                f"ONNX bytes, not {type(model).__name__}")
            source = os.path.join(work, name + ".onnx")
            with open(source, "wb") as f:
                f.write(data)
        library = os.path.join(work, name + ".so")
        cmd = [compiler, source, "-o", library, f"--target={target}",
               "--quiet", *_flags(options)]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            message = (done.stderr or done.stdout).strip()
            raise CompileError(message or
                               f"cnnc failed with exit code {done.returncode}")
        m = Model(library, threads=threads)
    except BaseException:
        if owned:
            shutil.rmtree(work, ignore_errors=True)
        raise
    if owned:
        m._cleanup = weakref.finalize(m, shutil.rmtree, work, True)
    return m


def _c_string(literal):
    """The value of a C string literal as ModelInterface.cpp writes it."""
    body = literal.strip()[1:-1]
    raw = re.sub(r"\\(x[0-9a-fA-F]{2}|.)",
                 lambda m: chr(int(m.group(1)[1:], 16))
                 if m.group(1)[0] == "x" and len(m.group(1)) == 3
                 else m.group(1), body)
    return raw.encode("latin-1").decode("utf-8", "replace")


class Model:
    """A compiled model loaded from its shared library.

    model(*arrays) -> list of output arrays. Inputs must have the exact
    dtype and shape of `inputs`; C-contiguous ones are passed without a
    copy. Calls from several threads at once are safe (each thread has its
    own scratch arena; a call that finds the thread pool busy runs on its
    own thread)."""

    def __init__(self, library, header=None, threads=None):
        library = Path(library)
        header = Path(header) if header else library.with_suffix(".h")
        text = header.read_text()
        run = re.search(r"^int (\w+)_run\(const void", text, re.M)
        if not run:
            raise ValueError(f"{header} is not a header cnnc wrote")
        self.name = run.group(1)
        defines = dict(re.findall(r"^#define (\w+) (.*)$", text, re.M))
        P = self.name.upper()
        self._arena_bytes = int(defines[f"{P}_ARENA_BYTES"])

        def specs(kind):
            out = []
            for i in range(int(defines[f"{P}_NUM_{kind}S"])):
                k = f"{P}_{kind}{i}"
                rank = int(defines[f"{k}_RANK"])
                shape = tuple(int(d) for d in
                              defines[f"{k}_SHAPE"].strip("{}").split(",")
                              ) if rank else ()
                dtype = _DTYPES[_c_string(defines[f"{k}_DTYPE"])]
                out.append(TensorInfo(_c_string(defines[f"{k}_NAME"]), shape,
                                      np.dtype(dtype)))
            return out

        self._inputs = specs("INPUT")
        self._outputs = specs("OUTPUT")
        self.library = str(library)
        self._lib = ctypes.CDLL(str(library.resolve()))
        self._run = getattr(self._lib, self.name + "_run")
        self._run.argtypes = [ctypes.c_void_p] * 3
        self._run.restype = ctypes.c_int
        self._lib.cnnrt_get_num_threads.restype = ctypes.c_int
        self._lib.cnnrt_set_num_threads.argtypes = [ctypes.c_int]
        self._local = threading.local()
        if threads is not None:
            self.threads = threads

    @property
    def inputs(self):
        """The graph inputs, in call order."""
        return list(self._inputs)

    @property
    def outputs(self):
        """The graph outputs, in the order __call__ returns them."""
        return list(self._outputs)

    @property
    def threads(self):
        """Threads this model's kernels run on (its library's pool)."""
        return self._lib.cnnrt_get_num_threads()

    @threads.setter
    def threads(self, n):
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            raise ValueError(f"threads must be an int >= 0 (0: the default), "
                             f"got {n!r}")
        self._lib.cnnrt_set_num_threads(n)

    def __repr__(self):
        return (f"<cnnc.Model {self.name}: inputs {self._inputs}, "
                f"outputs {self._outputs}>")

    def _arena(self):
        arena = getattr(self._local, "arena", None)
        if arena is None:
            buffer = np.empty(self._arena_bytes + 64, np.uint8)
            offset = (-buffer.ctypes.data) % 64
            arena = (buffer, buffer.ctypes.data + offset)
            self._local.arena = arena
        return arena[1]

    def _arguments(self, arrays, named):
        if named:
            if arrays:
                raise TypeError("pass the inputs by position or by name, "
                                "not both")
            names = [t.name for t in self._inputs]
            unknown = sorted(set(named) - set(names))
            if unknown:
                raise TypeError(f"unknown input(s) {unknown}; the model's "
                                f"inputs are {names}")
            missing = [n for n in names if n not in named]
            if missing:
                raise TypeError(f"missing input(s) {missing}")
            arrays = [named[n] for n in names]
        if len(arrays) != len(self._inputs):
            raise TypeError(f"the model takes {len(self._inputs)} input(s) "
                            f"{[t.name for t in self._inputs]}, got "
                            f"{len(arrays)}")
        out = []
        for i, (x, info) in enumerate(zip(arrays, self._inputs)):
            a = np.asarray(x)
            if a.dtype != info.dtype:
                raise TypeError(f"input {i} '{info.name}': expected "
                                f"{info.dtype.name}, got {a.dtype.name} "
                                f"(convert with .astype(np.{info.dtype.name}))")
            if a.shape != info.shape:
                raise ValueError(f"input {i} '{info.name}': expected shape "
                                 f"{info.shape}, got {a.shape}")
            out.append(np.ascontiguousarray(a))
        return out

    def __call__(self, *arrays, **named):
        ins = self._arguments(arrays, named)
        outs = [np.empty(t.shape, t.dtype) for t in self._outputs]
        self._call(ins, outs)
        return outs

    def _call(self, ins, outs):
        in_ptrs = (ctypes.c_void_p * max(1, len(ins)))(
            *[a.ctypes.data for a in ins])
        out_ptrs = (ctypes.c_void_p * max(1, len(outs)))(
            *[a.ctypes.data for a in outs])
        # ctypes releases the GIL for the call: other threads run meanwhile.
        status = self._run(in_ptrs, out_ptrs, self._arena())
        if status != 0:
            raise RuntimeError(f"{self.name}_run returned {status}")

    def _example_inputs(self, inputs):
        if inputs is not None:
            return self._arguments(list(inputs), {})
        rng = np.random.default_rng(0)
        return [np.ascontiguousarray(
            rng.standard_normal(t.shape).astype(t.dtype)) for t in self._inputs]

    def benchmark(self, runs=20, warmup=1, inputs=None):
        """Times `runs` calls (after `warmup`) on `inputs` (default: a fixed
        pseudo-random fill); returns {"runs", "median_ms", "min_ms",
        "max_ms", "mean_ms", "threads"}."""
        if runs < 1:
            raise ValueError("runs must be >= 1")
        ins = self._example_inputs(inputs)
        outs = [np.empty(t.shape, t.dtype) for t in self._outputs]
        for _ in range(warmup):
            self._call(ins, outs)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            self._call(ins, outs)
            times.append(1e3 * (time.perf_counter() - start))
        return {"runs": runs, "median_ms": statistics.median(times),
                "min_ms": min(times), "max_ms": max(times),
                "mean_ms": statistics.fmean(times), "threads": self.threads}

    def profile(self, runs=10, inputs=None):
        """Per-kernel times over `runs` calls, slowest first: {"runs",
        "total_ms", "peak_gflops", "kernels": [{"kernel", "name", "ms",
        "percent", "gflops"}, ...]} (the executable's --profile=json).
        The timers are process-wide: profile one call at a time."""
        import json

        enable = getattr(self._lib, "cnnrt_profile_enable", None)
        if enable is None:
            raise RuntimeError("this model was compiled without the "
                               "profiling hooks (cnnc-instrument-kernels)")
        ins = self._example_inputs(inputs)
        outs = [np.empty(t.shape, t.dtype) for t in self._outputs]
        self._call(ins, outs)
        libc = ctypes.CDLL(None)
        libc.fopen.restype = ctypes.c_void_p
        libc.fopen.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
        libc.fclose.argtypes = [ctypes.c_void_p]
        self._lib.cnnrt_profile_print.argtypes = [
            ctypes.c_void_p, ctypes.c_int, ctypes.c_int, ctypes.c_double]
        self._lib.cnnrt_fma_peak_gflops.restype = ctypes.c_double
        enable.argtypes = [ctypes.c_int]
        with tempfile.TemporaryDirectory(prefix="cnnc-profile-") as d:
            path = os.path.join(d, "profile.json")
            enable(1)
            try:
                for _ in range(runs):
                    self._call(ins, outs)
            finally:
                enable(0)
            f = libc.fopen(path.encode(), b"w")
            if not f:
                raise OSError(f"cannot write {path}")
            self._lib.cnnrt_profile_print(f, runs, 1, 0.0)
            libc.fclose(f)
            with open(path) as fh:
                result = json.load(fh)
        result["peak_gflops"] = self._lib.cnnrt_fma_peak_gflops()
        return result
