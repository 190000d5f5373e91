//===- bench_kernels.cpp - cnnc-generated layers vs oneDNN ----------------===//
//
// Part of cnnc.
//
/// For every layer in layers.inc (generated from CMakeLists.txt) two
/// benchmarks run back to back on the same input (kinds: conv, deconv for
/// transposed convolutions, layer for the rest): `<kind>/<layer>/onednn`,
/// the primitive in oneDNN's fastest layout (format_tag::any, input and
/// weights reordered once outside the timed loop), and `<kind>/<layer>/cnnc`,
/// the object cnnc compiled from a one-layer .cnn file, called through its
/// C entry point (NCHW in and out, as users call it), and for convolutions
/// `<kind>/<layer>/cnnc_nhwc` (every 4-D layer), the same layer compiled with
/// --io-layout=nhwc (channels-last in and out: the kernel as it runs inside
/// a model, without the layout conversions at the boundary; its input is
/// the same random values, read as NHWC).
///
/// Counters: GFLOP/s; pct_peak, against the single-core FMA peak of the
/// widest vector ISA measured by a register-only loop at start-up (the
/// context also prints the AVX2 peak); vs_onednn on the cnnc line, oneDNN's
/// time over cnnc's (above 1: cnnc is faster).
///
/// Threads: CNNC_BENCH_THREADS (default 1) for both.
//
//===----------------------------------------------------------------------===//

#include "fma_peak.h"
#include "layer_headers.inc"

#include <benchmark/benchmark.h>
#include <oneapi/dnnl/dnnl.hpp>

#include <chrono>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <vector>

extern "C" void omp_set_num_threads(int);
// From the runtime's thread pool that every cnnc object carries.
extern "C" int cnnrt_set_num_threads(int);

namespace {

double gPeak = 0;
std::map<std::string, double> gOnednnSeconds;

int benchThreads() {
  const char *env = std::getenv("CNNC_BENCH_THREADS");
  int n = env ? std::atoi(env) : 1;
  return n > 0 ? n : 1;
}

std::vector<float> randomData(size_t n, unsigned seed) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  std::vector<float> v(n);
  for (float &x : v)
    x = dist(gen);
  return v;
}

struct AlignedBuffer {
  explicit AlignedBuffer(size_t bytes)
      : ptr(std::aligned_alloc(64, (bytes + 63) / 64 * 64 + 64)) {}
  ~AlignedBuffer() { std::free(ptr); }
  void *ptr;
};

/// A convolution, or with `transposed` a transposed convolution (ONNX
/// ConvTranspose, oneDNN deconvolution; groups and dilation 1).
struct ConvSpec {
  const char *name;
  int64_t c, h, w, f, k, s, p, d, g;
  bool transposed;
  int64_t oh() const {
    return transposed ? (h - 1) * s - 2 * p + k
                      : (h + 2 * p - d * (k - 1) - 1) / s + 1;
  }
  int64_t ow() const {
    return transposed ? (w - 1) * s - 2 * p + k
                      : (w + 2 * p - d * (k - 1) - 1) / s + 1;
  }
  /// Every input pixel meets every tap (transposed), or every output pixel.
  double flops() const {
    return transposed ? 2.0 * f * h * w * c * k * k
                      : 2.0 * f * oh() * ow() * (c / g) * k * k;
  }
};

/// Runs `fn` for every iteration of `state`; the mean seconds per call.
template <typename Fn> double timeLoop(benchmark::State &state, Fn fn) {
  double seconds = 0;
  for (auto _ : state) {
    auto t0 = std::chrono::steady_clock::now();
    fn();
    seconds +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
            .count();
  }
  return seconds / state.iterations();
}

void setCounters(benchmark::State &state, double flops) {
  state.counters["GFLOP/s"] = benchmark::Counter(
      flops * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["pct_peak"] =
      benchmark::Counter(flops * 1e-9 / gPeak * 100,
                         benchmark::Counter::kIsIterationInvariantRate);
}

void benchOnednnConv(benchmark::State &state, ConvSpec spec) {
  using namespace dnnl;
  using tag = memory::format_tag;
  using dt = memory::data_type;
  engine eng(engine::kind::cpu, 0);
  stream strm(eng);
  memory::dims src = {1, spec.c, spec.h, spec.w};
  memory::dims dst = {1, spec.f, spec.oh(), spec.ow()};
  memory::dims wei = spec.g == 1
                         ? memory::dims{spec.f, spec.c, spec.k, spec.k}
                         : memory::dims{spec.g, spec.f / spec.g,
                                        spec.c / spec.g, spec.k, spec.k};
  memory::dims bias = {spec.f};
  memory::dims strides = {spec.s, spec.s}, dil = {spec.d - 1, spec.d - 1},
               pad = {spec.p, spec.p};
  auto any = [](const memory::dims &d) {
    return memory::desc(d, dt::f32, tag::any);
  };
  auto biasDesc = memory::desc(bias, dt::f32, tag::a);
  // Both kinds take the same arguments; `execute` runs the one made.
  primitive prim;
  memory::desc srcDesc, weiDesc, dstDesc;
  std::string impl;
  auto describe = [&](const auto &pd) {
    srcDesc = pd.src_desc();
    weiDesc = pd.weights_desc();
    dstDesc = pd.dst_desc();
    impl = pd.impl_info_str();
  };
  if (spec.transposed) {
    // oneDNN's deconvolution weights are [F, C, K, K] (outputs first).
    deconvolution_forward::desc desc(
        prop_kind::forward_inference, algorithm::deconvolution_direct, any(src),
        any(wei), biasDesc, any(dst), strides, pad, pad);
    deconvolution_forward::primitive_desc pd(desc, eng);
    describe(pd);
    prim = deconvolution_forward(pd);
  } else {
    convolution_forward::desc desc(
        prop_kind::forward_inference, algorithm::convolution_direct, any(src),
        any(wei), biasDesc, any(dst), strides, dil, pad, pad);
    convolution_forward::primitive_desc pd(desc, eng);
    describe(pd);
    prim = convolution_forward(pd);
  }
  std::vector<float> x = randomData(spec.c * spec.h * spec.w, 1);
  std::vector<float> wv =
      randomData(spec.f * (spec.c / spec.g) * spec.k * spec.k, 2);
  std::vector<float> bv = randomData(spec.f, 3);
  memory userSrc({src, dt::f32, tag::nchw}, eng, x.data());
  memory userWei({wei, dt::f32, spec.g == 1 ? tag::oihw : tag::goihw}, eng,
                 wv.data());
  memory srcMem(srcDesc, eng), weiMem(weiDesc, eng), dstMem(dstDesc, eng);
  memory biasMem({bias, dt::f32, tag::a}, eng, bv.data());
  reorder(userSrc, srcMem).execute(strm, userSrc, srcMem);
  reorder(userWei, weiMem).execute(strm, userWei, weiMem);
  strm.wait();
  std::unordered_map<int, memory> args = {{DNNL_ARG_SRC, srcMem},
                                          {DNNL_ARG_WEIGHTS, weiMem},
                                          {DNNL_ARG_BIAS, biasMem},
                                          {DNNL_ARG_DST, dstMem}};
  double seconds = timeLoop(state, [&] {
    prim.execute(strm, args);
    strm.wait();
  });
  gOnednnSeconds[spec.name] = seconds;
  setCounters(state, spec.flops());
  state.SetLabel(impl);
}

using RunFn = int (*)(const void *const *, void *const *, void *);

/// A non-convolution layer: pooling, global average pooling, 2x
/// up-sampling or a fully connected layer at batch 1.
enum class Kind { MAXPOOL, AVGPOOL, UNPOOL, GAP, NEAREST, BILINEAR, FC };

struct LayerSpec {
  const char *name;
  Kind kind;
  int64_t c, h, w, k, s, p, out; // out: FC outputs
  int64_t oh() const {
    if (kind == Kind::GAP || kind == Kind::FC)
      return 1;
    if (kind == Kind::NEAREST || kind == Kind::BILINEAR)
      return 2 * h;
    if (kind == Kind::UNPOOL)
      return h;
    return (h + 2 * p - k) / s + 1;
  }
  int64_t ow() const {
    if (kind == Kind::GAP || kind == Kind::FC)
      return 1;
    if (kind == Kind::NEAREST || kind == Kind::BILINEAR)
      return 2 * w;
    if (kind == Kind::UNPOOL)
      return w;
    return (w + 2 * p - k) / s + 1;
  }
  int64_t inElements() const { return c * h * w; }
  int64_t outElements() const {
    return kind == Kind::FC ? out : c * oh() * ow();
  }
  /// Bytes a memory-bound layer must move at least (input, output,
  /// weights for FC).
  double bytes() const {
    double b = 4.0 * (inElements() + outElements());
    return kind == Kind::FC ? b + 4.0 * c * out : b;
  }
  double flops() const { return kind == Kind::FC ? 2.0 * c * out : 0; }
};

void setLayerCounters(benchmark::State &state, const LayerSpec &spec) {
  state.counters["GB/s"] = benchmark::Counter(
      spec.bytes() * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
  if (spec.flops() > 0)
    setCounters(state, spec.flops());
}

std::map<std::string, double> gOnednnLayerSeconds;

void benchOnednnLayer(benchmark::State &state, LayerSpec spec) {
  using namespace dnnl;
  using tag = memory::format_tag;
  using dt = memory::data_type;
  engine eng(engine::kind::cpu, 0);
  stream strm(eng);
  std::vector<float> x = randomData(spec.inElements(), 1);
  primitive prim;
  std::unordered_map<int, memory> args;
  if (spec.kind == Kind::FC) {
    memory::dims src = {1, spec.c}, wei = {spec.out, spec.c}, bias = {spec.out},
                 dst = {1, spec.out};
    inner_product_forward::desc desc(prop_kind::forward_inference,
                                     memory::desc(src, dt::f32, tag::nc),
                                     memory::desc(wei, dt::f32, tag::any),
                                     memory::desc(bias, dt::f32, tag::a),
                                     memory::desc(dst, dt::f32, tag::nc));
    inner_product_forward::primitive_desc pd(desc, eng);
    std::vector<float> wv = randomData(spec.out * spec.c, 2);
    memory user({wei, dt::f32, tag::oi}, eng, wv.data());
    memory weiMem(pd.weights_desc(), eng);
    reorder(user, weiMem).execute(strm, user, weiMem);
    strm.wait();
    static std::vector<float> keep;
    keep = randomData(spec.out, 3);
    args = {{DNNL_ARG_SRC, memory(pd.src_desc(), eng)},
            {DNNL_ARG_WEIGHTS, weiMem},
            {DNNL_ARG_BIAS, memory({bias, dt::f32, tag::a}, eng)},
            {DNNL_ARG_DST, memory(pd.dst_desc(), eng)}};
    prim = inner_product_forward(pd);
    state.SetLabel(pd.impl_info_str());
  } else {
    // Channel-blocked activations: oneDNN's fastest layout for these.
    memory::dims src = {1, spec.c, spec.h, spec.w};
    memory::dims dst = {1, spec.c, spec.oh(), spec.ow()};
    memory::desc srcMd(src, dt::f32, tag::nChw16c);
    memory::desc dstMd(dst, dt::f32, tag::any);
    memory::desc outMd;
    if (spec.kind == Kind::NEAREST || spec.kind == Kind::BILINEAR) {
      resampling_forward::desc desc(prop_kind::forward_inference,
                                    spec.kind == Kind::NEAREST
                                        ? algorithm::resampling_nearest
                                        : algorithm::resampling_linear,
                                    std::vector<float>{2.0f, 2.0f}, srcMd);
      resampling_forward::primitive_desc pd(desc, eng);
      prim = resampling_forward(pd);
      outMd = pd.dst_desc();
      state.SetLabel(pd.impl_info_str());
    } else if (spec.kind == Kind::UNPOOL) {
      // Max pooling that keeps its argmax (the workspace), then the
      // backward pass scattering the pooled values back to their
      // positions: a max-unpool of the pool's own output.
      memory::dims k = {spec.k, spec.k}, st = {spec.s, spec.s}, p0 = {0, 0};
      memory::dims pooled = {1, spec.c, (spec.h - spec.k) / spec.s + 1,
                             (spec.w - spec.k) / spec.s + 1};
      pooling_forward::desc fdesc(
          prop_kind::forward_training, algorithm::pooling_max, srcMd,
          memory::desc(pooled, dt::f32, tag::any), st, k, p0, p0);
      pooling_forward::primitive_desc fpd(fdesc, eng);
      pooling_backward::desc bdesc(algorithm::pooling_max,
                                   memory::desc(src, dt::f32, tag::nChw16c),
                                   fpd.dst_desc(), st, k, p0, p0);
      pooling_backward::primitive_desc bpd(bdesc, eng, fpd);
      memory user({src, dt::f32, tag::nchw}, eng, x.data());
      memory srcMem(srcMd, eng);
      reorder(user, srcMem).execute(strm, user, srcMem);
      strm.wait();
      memory pooledMem(fpd.dst_desc(), eng), ws(fpd.workspace_desc(), eng),
          outMem(bpd.diff_src_desc(), eng);
      pooling_forward fwd(fpd);
      pooling_backward bwd(bpd);
      state.SetLabel(std::string(fpd.impl_info_str()) + " + " +
                     bpd.impl_info_str());
      double seconds = timeLoop(state, [&] {
        fwd.execute(strm, {{DNNL_ARG_SRC, srcMem},
                           {DNNL_ARG_DST, pooledMem},
                           {DNNL_ARG_WORKSPACE, ws}});
        bwd.execute(strm, {{DNNL_ARG_DIFF_DST, pooledMem},
                           {DNNL_ARG_WORKSPACE, ws},
                           {DNNL_ARG_DIFF_SRC, outMem}});
        strm.wait();
      });
      gOnednnLayerSeconds[spec.name] = seconds;
      setLayerCounters(state, spec);
      return;
    } else {
      int64_t k = spec.kind == Kind::GAP ? spec.h : spec.k;
      int64_t st = spec.kind == Kind::GAP ? 1 : spec.s;
      int64_t pad = spec.kind == Kind::GAP ? 0 : spec.p;
      pooling_forward::desc desc(
          prop_kind::forward_inference,
          spec.kind == Kind::MAXPOOL ? algorithm::pooling_max
                                     : algorithm::pooling_avg_include_padding,
          srcMd, dstMd, {st, st}, {k, k}, {pad, pad}, {pad, pad});
      pooling_forward::primitive_desc pd(desc, eng);
      prim = pooling_forward(pd);
      outMd = pd.dst_desc();
      state.SetLabel(pd.impl_info_str());
    }
    memory user({src, dt::f32, tag::nchw}, eng, x.data());
    memory srcMem(srcMd, eng);
    reorder(user, srcMem).execute(strm, user, srcMem);
    strm.wait();
    args = {{DNNL_ARG_SRC, srcMem}, {DNNL_ARG_DST, memory(outMd, eng)}};
  }
  double seconds = timeLoop(state, [&] {
    prim.execute(strm, args);
    strm.wait();
  });
  gOnednnLayerSeconds[spec.name] = seconds;
  setLayerCounters(state, spec);
}

/// Times a cnnc-compiled layer on random input; oneDNN's time per call for
/// the same layer, when it ran first, gives the `vs_onednn` counter.
double timeCnnc(benchmark::State &state, int64_t inElements,
                int64_t outElements, RunFn run, size_t arenaBytes,
                const std::map<std::string, double> &onednn,
                const std::string &name) {
  std::vector<float> x = randomData(inElements, 1);
  std::vector<float> y(outElements);
  AlignedBuffer arena(arenaBytes);
  const void *inputs[] = {x.data()};
  void *outputs[] = {y.data()};
  // One untimed call first: it faults in the layer's weights, mapped from
  // the binary (VGG's fc6, 411 MB: ~1 s). Timed, that one call made Google
  // Benchmark settle on a single iteration per repetition (fc6 at 0.47x
  // oneDNN in a full run, 1.06x filtered).
  run(inputs, outputs, arena.ptr);
  double seconds = timeLoop(state, [&] {
    run(inputs, outputs, arena.ptr);
    benchmark::ClobberMemory();
  });
  auto it = onednn.find(name);
  if (it != onednn.end())
    state.counters["vs_onednn"] = it->second / seconds;
  return seconds;
}

void benchCnncLayer(benchmark::State &state, LayerSpec spec, RunFn run,
                    size_t arenaBytes) {
  timeCnnc(state, spec.inElements(), spec.outElements(), run, arenaBytes,
           gOnednnLayerSeconds, spec.name);
  setLayerCounters(state, spec);
}

void benchCnnc(benchmark::State &state, ConvSpec spec, RunFn run,
               size_t arenaBytes) {
  timeCnnc(state, spec.c * spec.h * spec.w, spec.f * spec.oh() * spec.ow(), run,
           arenaBytes, gOnednnSeconds, spec.name);
  setCounters(state, spec.flops());
}

void registerAll() {
#define CONV(NAME, UPPER, C, H, W, F, K, S, P, D, G, T)                        \
  {                                                                            \
    ConvSpec spec{#NAME, C, H, W, F, K, S, P, D, G, T};                        \
    std::string kind = T ? "deconv/" : "conv/";                                \
    benchmark::RegisterBenchmark((kind + #NAME "/onednn").c_str(),             \
                                 benchOnednnConv, spec)                        \
        ->Unit(benchmark::kMillisecond)                                        \
        ->UseRealTime();                                                       \
    benchmark::RegisterBenchmark((kind + #NAME "/cnnc").c_str(), benchCnnc,    \
                                 spec, conv_##NAME##_run,                      \
                                 (size_t)CONV_##UPPER##_ARENA_BYTES)           \
        ->Unit(benchmark::kMillisecond)                                        \
        ->UseRealTime();                                                       \
    benchmark::RegisterBenchmark((kind + #NAME "/cnnc_nhwc").c_str(),          \
                                 benchCnnc, spec, conv_##NAME##_nhwc_run,      \
                                 (size_t)CONV_##UPPER##_NHWC_ARENA_BYTES)      \
        ->Unit(benchmark::kMillisecond)                                        \
        ->UseRealTime();                                                       \
  }
#define WINOGRAD(NAME, UPPER, C, H, W, F, K, S, P, D, G)                       \
  benchmark::RegisterBenchmark(                                                \
      "conv/" #NAME "/cnnc_winograd", benchCnnc,                               \
      ConvSpec{#NAME, C, H, W, F, K, S, P, D, G, false},                       \
      conv_##NAME##_winograd_run, (size_t)CONV_##UPPER##_WINOGRAD_ARENA_BYTES) \
      ->Unit(benchmark::kMillisecond)                                          \
      ->UseRealTime();
#define LAYER(NAME, UPPER, KIND, C, H, W, K, S, P, OUT)                        \
  {                                                                            \
    LayerSpec spec{#NAME, Kind::KIND, C, H, W, K, S, P, OUT};                  \
    benchmark::RegisterBenchmark("layer/" #NAME "/onednn", benchOnednnLayer,   \
                                 spec)                                         \
        ->Unit(benchmark::kMillisecond)                                        \
        ->UseRealTime();                                                       \
    benchmark::RegisterBenchmark("layer/" #NAME "/cnnc", benchCnncLayer, spec, \
                                 layer_##NAME##_run,                           \
                                 (size_t)LAYER_##UPPER##_ARENA_BYTES)          \
        ->Unit(benchmark::kMillisecond)                                        \
        ->UseRealTime();                                                       \
  }
#define LAYER_NHWC(NAME, UPPER, KIND, C, H, W, K, S, P, OUT)                   \
  LAYER(NAME, UPPER, KIND, C, H, W, K, S, P, OUT)                              \
  benchmark::RegisterBenchmark(                                                \
      "layer/" #NAME "/cnnc_nhwc", benchCnncLayer,                             \
      LayerSpec{#NAME, Kind::KIND, C, H, W, K, S, P, OUT},                     \
      layer_##NAME##_nhwc_run, (size_t)LAYER_##UPPER##_NHWC_ARENA_BYTES)       \
      ->Unit(benchmark::kMillisecond)                                          \
      ->UseRealTime();
#include "layers.inc"
#undef CONV
#undef WINOGRAD
#undef LAYER
#undef LAYER_NHWC
}

} // namespace

int main(int argc, char **argv) {
  FmaPeak peak = measureFmaPeak();
  gPeak = peak.widest();
  int threads = benchThreads();
  omp_set_num_threads(threads);
  cnnrt_set_num_threads(threads);
  // All threads count towards the peak the percentages are taken of.
  gPeak *= threads;
  benchmark::AddCustomContext("fma_peak_zmm_gflops_per_core",
                              std::to_string(peak.zmm));
  benchmark::AddCustomContext("fma_peak_ymm_gflops_per_core",
                              std::to_string(peak.ymm));
  benchmark::AddCustomContext("threads", std::to_string(threads));
  registerAll();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv))
    return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
