# -*- Python -*-
# lit configuration for cnnc's IR tests.

import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "cnnc"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test", ".cnn"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.cnnc_obj_root, "test")
config.excludes = ["CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "Inputs", "models"]

config.substitutions.append(("%cnnc_src_root", config.cnnc_src_root))
# Debian's python3 with numpy (the one on PATH may be another).
config.substitutions.append(("%python", "/usr/bin/python3"))
config.substitutions.append(("%sanitize_link", config.cnnc_sanitize_link))

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

tool_dirs = [config.cnnc_tools_dir, config.llvm_tools_dir]
# `=` in pre: `cnnc --compile-to=cnn-opt` names a phase, not the tool.
tools = [ToolSubst("cnn-opt", pre=r".-^/\<="), "cnnc", "FileCheck", "not",
         "count", "llvm-nm", "llvm-readelf", "ld.lld", "clang"]
llvm_config.add_tool_substitutions(tools, tool_dirs)

# The >2 GB model test writes ~8 GB (its external data, the weights object,
# the executable) and needs as much memory.
import shutil
def _room():
    try:
        free = shutil.disk_usage(config.test_exec_root).free
        with open("/proc/meminfo") as f:
            avail = int(next(l for l in f if l.startswith("MemAvailable")).split()[1]) * 1024
    except (OSError, StopIteration, ValueError):
        return False
    return free >= 12 << 30 and avail >= 12 << 30
if _room():
    config.available_features.add("large-model-room")
else:
    lit_config.note("cnnc/large-weights.test is skipped: it needs 12 GB of "
                    "free disk in the build tree and 12 GB of available memory")
