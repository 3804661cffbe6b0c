// computedivide, optional CUDA kernels: the formulas of metrics.hpp and the
// reductions of reduction.hpp (compiled here as __host__ __device__
// functions, not copied) evaluated over a broadcast grid: one thread per
// scenario for a whole grid, one block per kept cell for a reduction. The host interface is
// cuda_api.hpp; the _cuda Python module (cpp/bindings/cuda_module.cpp) calls
// it. Built only with COMPUTEDIVIDE_CUDA=ON, with --fmad=false so that the
// GPU rounds as the CPU core and the NumPy reference do.
#include <cuda_runtime.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "computedivide/metrics.hpp"
#include "computedivide/reduction.hpp"
#include "cuda_api.hpp"

namespace cd::cuda {
namespace {

void check(cudaError_t status, const char* what) {
  if (status != cudaSuccess)
    throw std::runtime_error(std::string("CUDA: ") + what + ": " + cudaGetErrorString(status));
}

// An input of a kernel: a device pointer positioned so that data[offset] is
// valid for every offset the grid reads, or, for an input that does not move
// (all strides 0), its one value, which then travels in the kernel's
// parameters and costs the threads neither an offset nor a load.
union InputSource {
  const double* data;
  double value;
};

using Cursor = GridCursor<kMaxDims>;
static_assert(kMaxInputs <= 64, "one bit of Arguments::moving per input");

// A kernel's arguments, by value.
struct Arguments {
  int ndim;
  std::int64_t size;
  std::int64_t shape[kMaxDims];
  int n_inputs;
  std::uint64_t moving;                 // bit k: input k moves along some dimension
  InputSource input[kMaxInputs];        // its values (moving), or its one value
  std::int64_t strides[kMaxInputs][kMaxDims];
  int n_outputs;
  void* outputs[kMaxOutputs];  // double, or float where `float32`
  bool float32;
  int fields[kMaxOutputs];
  unsigned long long* nonfinite;  // n_outputs counters
};

// The kernel inputs of the point at `at` (its multi-index in the grid's
// shape), read through each moving input's strides.
template <class In>
__device__ In load_point(const Arguments& args, const Cursor& at) {
  constexpr int kIn = sizeof(In) / sizeof(double);
  double in_values[kIn];
#pragma unroll
  for (int k = 0; k < kIn; ++k)
    in_values[k] = (args.moving >> k & 1u) != 0
                       ? args.input[k].data[at.offset(args.strides[k], args.ndim)]
                       : args.input[k].value;
  In in;
  memcpy(&in, in_values, sizeof(In));
  return in;
}

// The point functions' structs hold only doubles, in X-macro order, so a
// scenario is filled field by field from the inputs.
template <class In, class Out, Out (*Point)(const In&)>
__global__ void evaluate_kernel(const Arguments args) {
  constexpr int kOut = sizeof(Out) / sizeof(double);
  const std::int64_t step = static_cast<std::int64_t>(blockDim.x) * gridDim.x;
  const std::int64_t first = blockIdx.x * static_cast<std::int64_t>(blockDim.x) + threadIdx.x;
  Cursor at, step_digits;  // divisions here only, none in the loop
  at.seek(args.shape, args.ndim, first);
  step_digits.seek(args.shape, args.ndim, step);
  for (std::int64_t flat = first; flat < args.size;
       flat += step, at.add(args.shape, args.ndim, step_digits)) {
    const Out out = Point(load_point<In>(args, at));
    double out_values[kOut];
    memcpy(out_values, &out, sizeof(Out));
    for (int o = 0; o < args.n_outputs; ++o) {
      const double value = out_values[args.fields[o]];
      bool finite;
      if (args.float32) {
        // Rounded to nearest (cvt.rn.f32.f64); past float's range, +-inf.
        const float narrow = __double2float_rn(value);
        static_cast<float*>(args.outputs[o])[flat] = narrow;
        finite = isfinite(narrow);
      } else {
        static_cast<double*>(args.outputs[o])[flat] = value;
        finite = isfinite(value);
      }
      if (!finite) atomicAdd(&args.nonfinite[o], 1ull);
    }
  }
}

template <class In, class Out, Out (*Point)(const In&)>
void launch(const Arguments& args) {
  constexpr int kThreads = 256;
  const std::int64_t wanted = (args.size + kThreads - 1) / kThreads;
  const int blocks = static_cast<int>(wanted < 65535 * 32 ? wanted : 65535 * 32);
  evaluate_kernel<In, Out, Point><<<blocks, kThreads>>>(args);
  check(cudaGetLastError(), "kernel launch");
}

// Device buffers freed on every path out (exceptions included).
struct Buffers {
  std::vector<void*> owned;
  ~Buffers() {
    for (void* p : owned) cudaFree(p);
  }
  void* allocate(std::size_t bytes, const char* what) {
    void* p = nullptr;
    check(cudaMalloc(&p, bytes == 0 ? 1 : bytes), what);
    owned.push_back(p);
    return p;
  }
};

// The grid part of a kernel's arguments: its shape and its inputs, each
// input's span copied to the device (into `buffers`).
Arguments grid_arguments(Kernel kernel, const std::vector<std::int64_t>& shape,
                         const std::vector<HostInput>& inputs, int device, Buffers& buffers) {
  const int n_inputs = static_cast<int>(inputs.size());
  const int expected = kernel == Kernel::Train ? static_cast<int>(sizeof(TrainIn) / sizeof(double))
                                               : static_cast<int>(sizeof(ServeIn) / sizeof(double));
  if (n_inputs != expected || n_inputs > kMaxInputs)
    throw std::invalid_argument("wrong number of kernel inputs for the CUDA kernel");
  if (shape.size() > static_cast<std::size_t>(kMaxDims))
    throw std::invalid_argument("the CUDA path takes grids of at most 8 dimensions");

  Arguments args{};
  args.ndim = static_cast<int>(shape.size());
  args.size = 1;
  for (int d = 0; d < args.ndim; ++d) {
    args.shape[d] = shape[static_cast<std::size_t>(d)];
    args.size *= args.shape[d];
  }
  if (args.ndim == 0) {  // one scenario
    args.ndim = 1;
    args.shape[0] = 1;
  }
  check(cudaSetDevice(device), "cudaSetDevice");
  args.n_inputs = n_inputs;
  for (int i = 0; i < n_inputs && args.size > 0; ++i) {
    const HostInput& in = inputs[static_cast<std::size_t>(i)];
    bool moves = false;
    for (int d = 0; d < args.ndim; ++d) {
      args.strides[i][d] = d < static_cast<int>(in.strides.size()) ? in.strides[static_cast<std::size_t>(d)] : 0;
      moves = moves || (args.strides[i][d] != 0 && args.shape[d] > 1);
    }
    if (!moves) {  // one value for the whole grid, read here on the host
      args.input[i].value = in.data[0];
      continue;
    }
    args.moving |= std::uint64_t{1} << i;
    const std::int64_t count = in.highest - in.lowest + 1;
    auto* copy = static_cast<double*>(
        buffers.allocate(static_cast<std::size_t>(count) * sizeof(double), "cudaMalloc"));
    check(cudaMemcpy(copy, in.data + in.lowest, static_cast<std::size_t>(count) * sizeof(double),
                     cudaMemcpyHostToDevice),
          "copy of an input to the device");
    args.input[i].data = copy - in.lowest;
  }
  return args;
}

// ------------------------------------------------------------- reductions

inline constexpr int kMaxReductions = 16;

struct ReduceArguments {
  Arguments grid;                           // shape and inputs (no outputs)
  int n_reductions;
  Reduction reductions[kMaxReductions];
  int offset[kMaxReductions];               // of each reduction in a thread's state
  int state_width;                          // doubles per thread: sum of widths
  std::int64_t reduced_size;                // R: points per kept cell
  std::int64_t cell_begin, cell_end;        // the cells of this launch
  int parts;                                // blocks per cell (contiguous parts of its points)
  double* partials;                         // per (cell of the launch, part): state_width
  double* states[kMaxReductions];           // per reduction: cells x width, on the device
  double* scratch;                          // gridDim.x x blockDim.x x state_width
  unsigned long long* nonfinite;            // per reduction
};

// Kernel parameters of up to 4 KB (the limit before CUDA 12.1).
static_assert(sizeof(ReduceArguments) <= 4096, "reduction arguments fit a kernel's parameters");

// Each kept cell's R points are cut into `parts` contiguous parts, one block
// each (grid-stride over the launch's (cell, part) units, so that a launch
// of few cells still fills the GPU). Thread t of T takes the t-th contiguous
// share of its part, in flat order, into its own state (Reduction::update:
// non-finite values skipped and counted); the block's states are merged
// pairwise in a tree that keeps their order (merge_level), and the block's
// result goes to its slot of `partials`. merge_parts_kernel then folds each
// cell's parts in order. So min, max and their first index and counts
// equal the CPU core's; sums differ only by the reassociation of
// compensated partial sums, histogram bins only for a value within an ulp
// of a bin edge (the device's logarithm and the CPU's may round differently).
template <class In, class Out, Out (*Point)(const In&)>
__global__ void reduce_kernel(const ReduceArguments a) {
  constexpr int kOut = sizeof(Out) / sizeof(double);
  const int t = static_cast<int>(threadIdx.x);
  const int threads = static_cast<int>(blockDim.x);
  double* team = a.scratch + static_cast<std::int64_t>(blockIdx.x) * threads * a.state_width;
  double* mine = team + static_cast<std::int64_t>(t) * a.state_width;
  const std::int64_t R = a.reduced_size;
  const std::int64_t units = (a.cell_end - a.cell_begin) * a.parts;
  for (std::int64_t unit = blockIdx.x; unit < units; unit += gridDim.x) {
    const std::int64_t cell = a.cell_begin + unit / a.parts;
    const Share part = share_of(R, a.parts, static_cast<int>(unit % a.parts));
    const Share share = share_of(part.end - part.begin, threads, t);
    for (int j = 0; j < a.n_reductions; ++j) a.reductions[j].init(mine + a.offset[j]);
    unsigned long long bad[kMaxReductions] = {};
    Cursor at;
    at.seek(a.grid.shape, a.grid.ndim, cell * R + part.begin + share.begin);
    for (std::int64_t r = part.begin + share.begin; r < part.begin + share.end;
         ++r, at.next(a.grid.shape, a.grid.ndim)) {
      const Out out = Point(load_point<In>(a.grid, at));
      double values[kOut];
      memcpy(values, &out, sizeof(Out));
      for (int j = 0; j < a.n_reductions; ++j) {
        const double x = values[a.reductions[j].output];
        if (!isfinite(x)) {
          ++bad[j];
          continue;
        }
        a.reductions[j].update(mine + a.offset[j], x, r);
      }
    }
    for (int j = 0; j < a.n_reductions; ++j)
      if (bad[j] != 0) atomicAdd(&a.nonfinite[j], bad[j]);
    __syncthreads();  // every thread's state written (global memory, this block)
    for (int step = 1; step < threads; step *= 2) {
      merge_level(a.reductions, a.offset, a.n_reductions, team, a.state_width, threads, t, step);
      __syncthreads();
    }
    double* slot = a.partials + unit * a.state_width;
    for (int k = t; k < a.state_width; k += threads) slot[k] = team[k];
    __syncthreads();  // the team's state is read before it is reused
  }
}

// One thread per cell of the launch: its parts' states folded in order
// (part p's points come after part p - 1's) into the cell's states.
__global__ void merge_parts_kernel(const ReduceArguments a) {
  const std::int64_t cells = a.cell_end - a.cell_begin;
  const std::int64_t step = static_cast<std::int64_t>(blockDim.x) * gridDim.x;
  for (std::int64_t c = blockIdx.x * static_cast<std::int64_t>(blockDim.x) + threadIdx.x;
       c < cells; c += step) {
    double* first = a.partials + c * a.parts * a.state_width;
    for (int p = 1; p < a.parts; ++p)
      for (int j = 0; j < a.n_reductions; ++j)
        a.reductions[j].merge(first + a.offset[j], first + p * a.state_width + a.offset[j]);
    for (int j = 0; j < a.n_reductions; ++j) {
      const std::int64_t w = a.reductions[j].width();
      double* state = a.states[j] + (a.cell_begin + c) * w;
      for (std::int64_t k = 0; k < w; ++k) state[k] = first[a.offset[j] + k];
    }
  }
}

// ------------------------------------------------------------- the limits

// Eight independent chains of fused multiply-adds per thread (explicit
// fma(): --fmad=false does not split them): 16 FLOP per iteration.
__global__ void fma_kernel(double* out, int iterations) {
  const double seed = 1e-9 * static_cast<double>(threadIdx.x + 1);
  double c[8];
  for (int k = 0; k < 8; ++k) c[k] = seed * (k + 1);
  for (int i = 0; i < iterations; ++i)
    for (int k = 0; k < 8; ++k) c[k] = fma(c[k], 0.9999999, 1e-12);
  double sum = 0.0;
  for (int k = 0; k < 8; ++k) sum += c[k];
  out[static_cast<std::int64_t>(blockIdx.x) * blockDim.x + threadIdx.x] = sum;
}

// Seconds of GPU time `work` takes, timed with CUDA events.
template <class Work>
double gpu_seconds(Work&& work) {
  struct Events {  // destroyed on every path out
    cudaEvent_t start = nullptr, stop = nullptr;
    ~Events() {
      if (start != nullptr) cudaEventDestroy(start);
      if (stop != nullptr) cudaEventDestroy(stop);
    }
  } events;
  check(cudaEventCreate(&events.start), "cudaEventCreate");
  check(cudaEventCreate(&events.stop), "cudaEventCreate");
  check(cudaEventRecord(events.start), "cudaEventRecord");
  work();
  check(cudaGetLastError(), "kernel launch");
  check(cudaEventRecord(events.stop), "cudaEventRecord");
  check(cudaEventSynchronize(events.stop), "cudaEventSynchronize");
  float ms = 0.0f;
  check(cudaEventElapsedTime(&ms, events.start, events.stop), "cudaEventElapsedTime");
  return ms / 1000.0;
}

}  // namespace

Limits measure_limits(int device) {
  check(cudaSetDevice(device), "cudaSetDevice");
  cudaDeviceProp prop{};
  check(cudaGetDeviceProperties(&prop, device), "cudaGetDeviceProperties");
  Buffers buffers;
  // Writes: cudaMemset of 2 GiB (or a quarter of the memory), best of 5.
  const std::size_t bytes = std::min<std::size_t>(std::size_t{2} << 30, prop.totalGlobalMem / 4);
  void* target = buffers.allocate(bytes, "cudaMalloc for the write test");
  check(cudaMemset(target, 0, bytes), "cudaMemset");  // first touch
  double best = 1e30;
  for (int k = 0; k < 5; ++k)
    best = std::min(best, gpu_seconds([&] { check(cudaMemset(target, k, bytes), "cudaMemset"); }));
  Limits limits;
  limits.write_bytes_per_s = static_cast<double>(bytes) / best;
  // FP64: 8 blocks of 256 threads per multiprocessor, 16 FLOP per iteration.
  const int blocks = prop.multiProcessorCount * 8, threads = 256, iterations = 4096;
  auto* out = static_cast<double*>(buffers.allocate(
      static_cast<std::size_t>(blocks) * threads * sizeof(double), "cudaMalloc"));
  fma_kernel<<<blocks, threads>>>(out, iterations);  // warm-up
  check(cudaGetLastError(), "kernel launch");
  best = 1e30;
  for (int k = 0; k < 5; ++k)
    best = std::min(best, gpu_seconds([&] { fma_kernel<<<blocks, threads>>>(out, iterations); }));
  constexpr double kFlopPerIteration = 16;  // 8 chains x (multiply + add)
  limits.fp64_flops_per_s = kFlopPerIteration * iterations * blocks * threads / best;
  return limits;
}

int device_count() noexcept {
  int count = 0;
  if (cudaGetDeviceCount(&count) != cudaSuccess) {
    cudaGetLastError();  // clear the sticky "no driver / no device" error
    return 0;
  }
  return count;
}

std::string describe(int device) {
  cudaDeviceProp prop{};
  check(cudaGetDeviceProperties(&prop, device), "cudaGetDeviceProperties");
  return std::string(prop.name) + ", compute " + std::to_string(prop.major) + "." +
         std::to_string(prop.minor) + ", " +
         std::to_string(static_cast<double>(prop.totalGlobalMem) / (1024.0 * 1024 * 1024)) +
         " GiB";
}

DeviceResult evaluate(Kernel kernel, const std::vector<std::int64_t>& shape,
                      const std::vector<HostInput>& inputs,
                      const std::vector<int>& output_fields, bool float32, int device) {
  const int n_outputs = static_cast<int>(output_fields.size());
  if (n_outputs > kMaxOutputs) throw std::invalid_argument("too many outputs for the CUDA kernel");
  Buffers inputs_on_device;
  Arguments args = grid_arguments(kernel, shape, inputs, device, inputs_on_device);
  const std::size_t value_bytes = float32 ? sizeof(float) : sizeof(double);

  DeviceResult result;
  result.size = args.size;
  result.value_bytes = value_bytes;
  Buffers outputs_on_device;
  args.n_outputs = n_outputs;
  args.float32 = float32;
  for (int o = 0; o < n_outputs; ++o) {
    args.fields[o] = output_fields[static_cast<std::size_t>(o)];
    args.outputs[o] = outputs_on_device.allocate(static_cast<std::size_t>(args.size) * value_bytes,
                                                 "cudaMalloc of an output");
  }
  args.nonfinite = static_cast<unsigned long long*>(inputs_on_device.allocate(
      static_cast<std::size_t>(n_outputs > 0 ? n_outputs : 1) * sizeof(unsigned long long),
      "cudaMalloc"));
  check(cudaMemset(args.nonfinite, 0, static_cast<std::size_t>(n_outputs > 0 ? n_outputs : 1) *
                                          sizeof(unsigned long long)),
        "cudaMemset");

  if (args.size > 0) {
    if (kernel == Kernel::Train)
      launch<TrainIn, TrainOut, train_point>(args);
    else
      launch<ServeIn, ServeOut, serve_point>(args);
  }
  check(cudaDeviceSynchronize(), "kernel");

  std::vector<unsigned long long> counts(static_cast<std::size_t>(n_outputs > 0 ? n_outputs : 1));
  check(cudaMemcpy(counts.data(), args.nonfinite, counts.size() * sizeof(unsigned long long),
                   cudaMemcpyDeviceToHost),
        "copy of the non-finite counts");
  for (int o = 0; o < n_outputs; ++o) {
    result.outputs.push_back(args.outputs[o]);
    result.nonfinite.push_back(static_cast<std::int64_t>(counts[static_cast<std::size_t>(o)]));
  }
  outputs_on_device.owned.clear();  // handed to the caller
  return result;
}

std::vector<std::int64_t> reduce(Kernel kernel, const std::vector<std::int64_t>& shape,
                                 const std::vector<HostInput>& inputs,
                                 const std::vector<Reduction>& reductions,
                                 std::int64_t reduced_size, const std::vector<double*>& states,
                                 std::int64_t chunk_points, int device,
                                 const std::function<void(std::int64_t, std::int64_t)>& after_chunk) {
  const std::size_t n_outputs = kernel == Kernel::Train ? sizeof(TrainOut) / sizeof(double)
                                                        : sizeof(ServeOut) / sizeof(double);
  if (reductions.empty() || reductions.size() > static_cast<std::size_t>(kMaxReductions))
    throw std::invalid_argument("the CUDA path takes 1 to 16 reductions");
  if (states.size() != reductions.size())
    throw std::invalid_argument("one state array per reduction");
  for (const Reduction& red : reductions) check_reduction(red, n_outputs);
  if (chunk_points < 1) throw std::invalid_argument("chunk_points must be >= 1");

  Buffers buffers;
  ReduceArguments a{};
  a.grid = grid_arguments(kernel, shape, inputs, device, buffers);
  const std::int64_t size = a.grid.size;
  if (reduced_size < 1 || size % reduced_size != 0)
    throw std::invalid_argument("reduced size must divide the grid size");
  if (reduced_size > kMaxReducedSize)
    throw std::overflow_error("more than 2^53 points per kept cell: counts would be inexact");
  const std::int64_t cells = size / reduced_size;

  a.n_reductions = static_cast<int>(reductions.size());
  a.reduced_size = reduced_size;
  std::int64_t width = 0;
  for (const Reduction& red : reductions) width += red.width();
  if (width > (std::int64_t{1} << 20))
    throw std::invalid_argument("the CUDA path keeps at most 2^20 state values per cell "
                                "(fewer histogram bins)");
  a.state_width = static_cast<int>(width);
  for (int j = 0, at = 0; j < a.n_reductions; ++j) {
    const Reduction& red = reductions[static_cast<std::size_t>(j)];
    a.reductions[j] = red;
    a.offset[j] = at;
    at += static_cast<int>(red.width());
    a.states[j] = static_cast<double*>(buffers.allocate(
        static_cast<std::size_t>(cells * red.width()) * sizeof(double), "cudaMalloc of a state"));
  }
  a.nonfinite = static_cast<unsigned long long*>(
      buffers.allocate(reductions.size() * sizeof(unsigned long long), "cudaMalloc"));
  check(cudaMemset(a.nonfinite, 0, reductions.size() * sizeof(unsigned long long)), "cudaMemset");

  // Threads per block: 32 to 256, each with at least kPointsPerThread of a
  // part's points where the part has them (a thread with one or two points
  // would spend its time in the merge tree: 2026-12-04, R = 1000 ran 256
  // threads of 1.3 points each). A launch takes whole cells, about
  // chunk_points points; each cell is cut into parts so that a launch has
  // about kUnits blocks of work even when it has few cells (a cell of R
  // points: at most R / (32 kPointsPerThread) parts).
  constexpr std::int64_t kUnits = 2048;
  constexpr std::int64_t kPointsPerThread = 32;
  const std::int64_t cells_per_launch =
      std::max<std::int64_t>(1, std::min(cells, chunk_points / reduced_size));
  const std::int64_t wanted_parts = (kUnits + cells_per_launch - 1) / cells_per_launch;
  a.parts = static_cast<int>(std::max<std::int64_t>(
      1, std::min({wanted_parts, reduced_size / (32 * kPointsPerThread), kUnits})));
  int threads = 32;
  while (threads < 256 && threads * kPointsPerThread < reduced_size / a.parts) threads *= 2;
  const std::int64_t units = cells_per_launch * a.parts;
  a.partials = static_cast<double*>(buffers.allocate(
      static_cast<std::size_t>(units * width) * sizeof(double), "cudaMalloc of the partial states"));
  // Blocks: at most 4096, and their threads' states within 256 MB.
  const std::int64_t per_block = static_cast<std::int64_t>(threads) * width * 8;
  const std::int64_t blocks = std::max<std::int64_t>(
      1, std::min({units, std::int64_t{4096}, (std::int64_t{256} << 20) / per_block}));
  a.scratch = static_cast<double*>(buffers.allocate(
      static_cast<std::size_t>(blocks * per_block), "cudaMalloc of the reduction scratch"));

  for (std::int64_t begin = 0; begin < cells; begin += cells_per_launch) {
    a.cell_begin = begin;
    a.cell_end = std::min(cells, begin + cells_per_launch);
    const std::int64_t launch_units = (a.cell_end - a.cell_begin) * a.parts;
    const auto launch_blocks = static_cast<unsigned>(std::min(blocks, launch_units));
    if (kernel == Kernel::Train)
      reduce_kernel<TrainIn, TrainOut, train_point><<<launch_blocks, threads>>>(a);
    else
      reduce_kernel<ServeIn, ServeOut, serve_point><<<launch_blocks, threads>>>(a);
    check(cudaGetLastError(), "reduction kernel launch");
    const std::int64_t launch_cells = a.cell_end - a.cell_begin;
    merge_parts_kernel<<<static_cast<unsigned>((launch_cells + 255) / 256), 256>>>(a);
    check(cudaGetLastError(), "merge kernel launch");
    check(cudaDeviceSynchronize(), "reduction kernel");
    if (after_chunk) after_chunk(a.cell_end * reduced_size, size);
  }

  for (int j = 0; j < a.n_reductions; ++j)
    check(cudaMemcpy(states[static_cast<std::size_t>(j)], a.states[j],
                     static_cast<std::size_t>(cells * reductions[static_cast<std::size_t>(j)].width()) *
                         sizeof(double),
                     cudaMemcpyDeviceToHost),
          "copy of a reduction's state to the host");
  std::vector<unsigned long long> counts(reductions.size());
  check(cudaMemcpy(counts.data(), a.nonfinite, counts.size() * sizeof(unsigned long long),
                   cudaMemcpyDeviceToHost),
        "copy of the non-finite counts");
  return std::vector<std::int64_t>(counts.begin(), counts.end());
}

void copy_to_host(const void* device_data, void* host, std::size_t bytes) {
  check(cudaMemcpy(host, device_data, bytes, cudaMemcpyDeviceToHost),
        "copy of an output to the host");
}

void release(void* device_data) noexcept {
  if (device_data != nullptr) cudaFree(device_data);
}

}  // namespace cd::cuda
