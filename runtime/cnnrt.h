/*===- cnnrt.h - cnnc runtime: model descriptions, .npy I/O, exe main -----===*
 *
 * Part of cnnc. C11, needs only libc (and libm for the generated code).
 *
 * Thread safety: every function is safe to call from several threads on
 * different data; cnnrt_last_error() is per thread.
 *===----------------------------------------------------------------------===*/

#ifndef CNNC_RUNTIME_CNNRT_H
#define CNNC_RUNTIME_CNNRT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Status of every fallible call; details in cnnrt_last_error(). */
typedef enum {
  CNNRT_OK = 0,
  CNNRT_ERR_IO = 1,      /* a file could not be opened, read or written */
  CNNRT_ERR_FORMAT = 2,  /* malformed .npy file */
  CNNRT_ERR_DTYPE = 3,   /* element type differs from the model's */
  CNNRT_ERR_SHAPE = 4,   /* shape differs from the model's */
  CNNRT_ERR_NOMEM = 5,   /* allocation failed */
  CNNRT_ERR_ARGUMENT = 6 /* invalid argument */
} cnnrt_status;

typedef enum {
  CNNRT_FLOAT32,
  CNNRT_FLOAT64,
  CNNRT_FLOAT16,
  CNNRT_INT64,
  CNNRT_INT32,
  CNNRT_BOOL
} cnnrt_dtype;

/* One graph input or output. Borrowed strings and arrays (static data of a
 * generated model). */
typedef struct {
  const char *name;
  cnnrt_dtype dtype;
  int rank;
  const int64_t *shape;
} cnnrt_tensor_desc;

/* The generated entry point: see the model's header. */
typedef int (*cnnrt_run_fn)(const void *const *inputs, void *const *outputs,
                            void *arena);

/* A compiled model as the executable's main sees it (static data). */
typedef struct {
  const char *name;
  int num_inputs;
  const cnnrt_tensor_desc *inputs;
  int num_outputs;
  const cnnrt_tensor_desc *outputs;
  int64_t arena_bytes;
  cnnrt_run_fn run;
} cnnrt_model_desc;

/* Message of this thread's last failed call (never NULL). */
const char *cnnrt_last_error(void);

size_t cnnrt_dtype_size(cnnrt_dtype dtype);
const char *cnnrt_dtype_name(cnnrt_dtype dtype);
/* Number of elements of `desc` (1 for rank 0). */
int64_t cnnrt_num_elements(const cnnrt_tensor_desc *desc);

/* 64-byte aligned allocation of at least `bytes` (0 allowed); release with
 * cnnrt_free. Returns NULL when out of memory. */
void *cnnrt_alloc(size_t bytes);
void cnnrt_free(void *ptr);

/* Reads a .npy file that must match `expected` (dtype and shape) into a new
 * buffer *out_data (release with cnnrt_free). */
cnnrt_status cnnrt_npy_read(const char *path, const cnnrt_tensor_desc *expected,
                            void **out_data);

/* Writes `data` laid out as `desc` to a version 1.0 .npy file. */
cnnrt_status cnnrt_npy_write(const char *path, const cnnrt_tensor_desc *desc,
                             const void *data);

/* Profiling. Generated code brackets each kernel with these hooks; they do
 * nothing until cnnrt_profile_enable(1) (which also clears the timers).
 * cnnrt_profile_print writes one line per kernel, slowest first: ms per run,
 * share, GFLOP/s and % of `peak_gflops` (if > 0) for convolutions, and the
 * kernel's description with the ONNX node or .cnn line it came from; or one
 * JSON object with `json`. Process-wide timers: profile one call at a time. */
void cnnrt_profile_enable(int on);
void cnnrt_profile_enter(int32_t id, const char *name, double flops);
void cnnrt_profile_exit(int32_t id);
#include <stdio.h>
void cnnrt_profile_print(FILE *out, int runs, int json, double peak_gflops);
/* This core's f32 FMA peak in GFLOP/s (widest of AVX-512, AVX2), measured
 * now by a register-only loop (~0.1 s); 0 without FMA. */
double cnnrt_fma_peak_gflops(void);
/* The same for one register width (512: AVX-512, 256: AVX2 + FMA); 0 when
 * the processor lacks it. */
double cnnrt_fma_peak_gflops_bits(int bits);

/* Threads. Generated kernels split their work over a process-wide pool
 * (runtime/threadpool.c, linked into every artifact cnnc writes).
 * The pool uses cnnrt_set_num_threads(n) if set (0: back to the default),
 * else the environment variable CNNC_NUM_THREADS, else all online cores.
 * Thread-safe; a change applies from the next kernel on. A model running
 * while another call holds the pool runs on its caller's thread alone. */
typedef void (*cnnrt_task_fn)(void *ctx, int64_t begin, int64_t end);
cnnrt_status cnnrt_set_num_threads(int n);
int cnnrt_get_num_threads(void);
/* Runs fn(ctx, begin, end) over disjoint chunks covering [0, n), on up to
 * cnnrt_get_num_threads() threads, and returns when all are done. */
void cnnrt_parallel_for(cnnrt_task_fn fn, void *ctx, int64_t n);

/* The generated executable's main: --input/--output .npy files, --info,
 * --bench N, --threads T; see --help. Returns the process exit code. */
int cnnrt_exe_main(const cnnrt_model_desc *model, int argc, char **argv);

#ifdef __cplusplus
}
#endif

#endif /* CNNC_RUNTIME_CNNRT_H */
