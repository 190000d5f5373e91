"""cnnc from Python: compile a CNN to native code and run it on numpy arrays.

    model = cnnc.compile("resnet18.onnx", threads=2)
    (logits,) = model(x)                      # x: float32 [1, 3, 224, 224]

compile() runs the installed cnnc compiler (found through the `cnnc`
argument, the CNNC environment variable or PATH) to build a shared library,
and loads it with ctypes. The library carries the whole runtime (a thread
pool): no other dependency than numpy here and libc/pthreads there.
"""

from ._model import CompileError, Model, TensorInfo, compile, find_compiler

__all__ = ["CompileError", "Model", "TensorInfo", "compile", "find_compiler"]
__version__ = "0.1.0"
