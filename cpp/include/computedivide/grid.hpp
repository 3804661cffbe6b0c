// computedivide core: evaluation of a kernel over a broadcast grid.
//
// A grid is the broadcast of the inputs. Inputs are never materialised: each
// is a pointer plus one stride per grid dimension (in elements, 0 where the
// input does not vary along that dimension). Outputs are dense, C-ordered
// arrays of the grid's shape. Every requested output is written in the same
// pass (fused), and the flat index space is split among threads.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <limits>
#include <stdexcept>
#include <system_error>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "computedivide/metrics.hpp"

namespace cd {

// Kernel traits: names, counts, the point function of each kernel, and the
// moves between a struct and column k of a block of columns (one per field,
// in declaration order; the counter folds to constants).
#define CD_NAME(name) #name,
#define CD_COUNT(name) +1
#define CD_LOAD(name) in.name = columns[i++][k];
#define CD_STORE(name) columns[o++][k] = out.name;

// Points evaluated together: inputs are gathered into columns of this length
// so that the point function runs over contiguous memory.
inline constexpr std::int64_t kBlock = 128;

// The point function over n <= kBlock columns, compiled in core.cpp (once per
// instruction set where the compiler can dispatch at run time).
void train_block(const double (*in)[kBlock], double (*out)[kBlock], std::int64_t n);
void serve_block(const double (*in)[kBlock], double (*out)[kBlock], std::int64_t n);
void afford_block(const double (*in)[kBlock], double (*out)[kBlock], std::int64_t n);
void access_block(const double (*in)[kBlock], double (*out)[kBlock], std::int64_t n);

// The traits of one kernel, from its X-macro lists and its functions.
#define CD_KERNEL(Kernel, Prefix, INPUTS, OUTPUTS, block_function)              \
  struct Kernel {                                                              \
    using In = Prefix##In;                                                     \
    using Out = Prefix##Out;                                                   \
    static constexpr std::size_t n_inputs = 0 INPUTS(CD_COUNT);                \
    static constexpr std::size_t n_outputs = 0 OUTPUTS(CD_COUNT);              \
    static constexpr const char* input_names[] = {INPUTS(CD_NAME)};            \
    static constexpr const char* output_names[] = {OUTPUTS(CD_NAME)};          \
    static void block(const double (*in)[kBlock], double (*out)[kBlock],       \
                      std::int64_t n) {                                        \
      block_function(in, out, n);                                              \
    }                                                                          \
    static void load(In& in, const double (*columns)[kBlock], std::int64_t k) { \
      std::size_t i = 0;                                                       \
      INPUTS(CD_LOAD)                                                          \
    }                                                                          \
    static void store(const Out& out, double (*columns)[kBlock],               \
                      std::int64_t k) {                                        \
      std::size_t o = 0;                                                       \
      OUTPUTS(CD_STORE)                                                        \
    }                                                                          \
  }

CD_KERNEL(TrainKernel, Train, CD_TRAIN_INPUTS, CD_TRAIN_OUTPUTS, train_block);
CD_KERNEL(ServeKernel, Serve, CD_SERVE_INPUTS, CD_SERVE_OUTPUTS, serve_block);
CD_KERNEL(AffordKernel, Afford, CD_AFFORD_INPUTS, CD_AFFORD_OUTPUTS, afford_block);
CD_KERNEL(AccessKernel, Access, CD_ACCESS_INPUTS, CD_ACCESS_OUTPUTS, access_block);
#undef CD_KERNEL

#undef CD_NAME
#undef CD_COUNT
#undef CD_LOAD
#undef CD_STORE

// One input: its data and its stride (in elements) along each grid dimension.
struct StridedInput {
  const double* data = nullptr;
  std::vector<std::ptrdiff_t> strides;
};

// Number of points of a grid; throws std::overflow_error past int64.
inline std::int64_t grid_size(const std::vector<std::int64_t>& shape) {
  std::int64_t size = 1;
  for (std::int64_t extent : shape) {
    if (extent < 0) throw std::invalid_argument("negative grid extent");
    if (extent != 0 && size > std::numeric_limits<std::int64_t>::max() / extent)
      throw std::overflow_error("grid size overflows a 64-bit index");
    size *= extent;
  }
  return size;
}

namespace detail {

// Evaluate flat points [begin, end) of the grid. Returns, per output, how
// many written values were not finite.
template <class K, class Sink>
void evaluate_range(const std::vector<std::int64_t>& shape,
                    const std::vector<StridedInput>& inputs, std::int64_t begin,
                    std::int64_t end, Sink& sink) {
  const std::size_t ndim = shape.size();
  const std::size_t last = ndim - 1;
  const std::int64_t inner_extent = shape[last];

  // Multi-index of `begin`.
  std::vector<std::int64_t> index(ndim, 0);
  std::int64_t rest = begin;
  for (std::size_t d = ndim; d-- > 0;) {
    index[d] = rest % shape[d];
    rest /= shape[d];
  }

  // Columns of a block: inputs gathered, outputs computed.
  alignas(64) double in_columns[K::n_inputs][kBlock];
  alignas(64) double out_columns[K::n_outputs][kBlock];
  const double* row[K::n_inputs];
  std::ptrdiff_t inner_stride[K::n_inputs];
  for (std::size_t i = 0; i < K::n_inputs; ++i)
    inner_stride[i] = inputs[i].strides[last];

  std::int64_t flat = begin;
  while (flat < end) {
    // Start of this row for each input.
    for (std::size_t i = 0; i < K::n_inputs; ++i) {
      std::ptrdiff_t offset = 0;
      for (std::size_t d = 0; d < last; ++d)
        offset += static_cast<std::ptrdiff_t>(index[d]) * inputs[i].strides[d];
      row[i] = inputs[i].data + offset;
    }
    const std::int64_t j0 = index[last];
    const std::int64_t j1 = std::min(inner_extent, j0 + (end - flat));
    // Inputs constant along the row fill their column once per row.
    const std::int64_t fill = std::min(kBlock, j1 - j0);
    for (std::size_t i = 0; i < K::n_inputs; ++i)
      if (inner_stride[i] == 0) std::fill_n(in_columns[i], fill, row[i][0]);

    for (std::int64_t jb = j0; jb < j1; jb += kBlock) {
      const std::int64_t n = std::min(kBlock, j1 - jb);
      for (std::size_t i = 0; i < K::n_inputs; ++i) {
        const std::ptrdiff_t stride = inner_stride[i];
        if (stride == 0) continue;
        const double* source = row[i] + jb * stride;
        if (stride == 1) {
          std::memcpy(in_columns[i], source, static_cast<std::size_t>(n) * sizeof(double));
        } else {
          for (std::int64_t k = 0; k < n; ++k) in_columns[i][k] = source[k * stride];
        }
      }
      K::block(in_columns, out_columns, n);
      sink(flat + (jb - j0), static_cast<const double(*)[kBlock]>(out_columns), n);
    }
    flat += j1 - j0;
    // Carry the multi-index to the next row.
    index[last] = 0;
    for (std::size_t d = last; d-- > 0;) {
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
}

// Writes each output column into its dense array and counts the values that
// are not finite.
template <class K>
struct StoreSink {
  const std::vector<double*>& outputs;
  std::int64_t* nonfinite;
  void operator()(std::int64_t at, const double (*columns)[kBlock], std::int64_t n) {
    for (std::size_t o = 0; o < K::n_outputs; ++o) {
      if (outputs[o] == nullptr) continue;
      std::memcpy(outputs[o] + at, columns[o], static_cast<std::size_t>(n) * sizeof(double));
      std::int64_t bad = 0;
      for (std::int64_t k = 0; k < n; ++k) bad += std::isfinite(columns[o][k]) ? 0 : 1;
      nonfinite[o] += bad;
    }
  }
};

// How many threads to use for `size` points.
inline std::int64_t thread_count(std::int64_t size, int n_threads) {
  // Below this many points per thread, threads cost more than they save;
  // more threads than this many per core only add switching.
  constexpr std::int64_t kMinPointsPerThread = 1 << 14;
  constexpr std::int64_t kMaxThreadsPerCore = 4;
  const std::int64_t cores = std::max(1u, std::thread::hardware_concurrency());
  std::int64_t threads = n_threads > 0 ? n_threads : cores;
  threads = std::min(threads, kMaxThreadsPerCore * cores);
  return std::max<std::int64_t>(1, std::min(threads, size / kMinPointsPerThread));
}

// Runs work(t) for t in [0, threads): on new threads where they start, on the
// calling thread otherwise. Exceptions are rethrown here, the first one first.
template <class Work>
void run_threads(std::int64_t threads, Work&& work) {
  std::vector<std::exception_ptr> errors(static_cast<std::size_t>(threads));
  auto guarded = [&](std::int64_t t) {
    try {
      work(t);
    } catch (...) {  // rethrown on the calling thread below
      errors[static_cast<std::size_t>(t)] = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(static_cast<std::size_t>(threads - 1));
  std::int64_t started = 1;
  for (; started < threads; ++started) {
    try {
      pool.emplace_back(guarded, started);
    } catch (const std::system_error&) {  // no more threads: this one does the rest
      break;
    }
  }
  guarded(0);
  for (std::int64_t t = started; t < threads; ++t) guarded(t);
  for (std::thread& th : pool) th.join();
  for (const std::exception_ptr& error : errors)
    if (error) std::rethrow_exception(error);
}

}  // namespace detail

// Evaluate kernel K over the grid `shape`. `inputs` has K::n_inputs entries,
// `outputs` K::n_outputs (nullptr where an output is not wanted, otherwise a
// C-ordered buffer of grid_size(shape) doubles). Returns, per output, the
// count of non-finite values written. Results do not depend on n_threads.
template <class K>
std::vector<std::int64_t> evaluate(std::vector<std::int64_t> shape,
                                   std::vector<StridedInput> inputs,
                                   const std::vector<double*>& outputs,
                                   int n_threads) {
  if (inputs.size() != K::n_inputs)
    throw std::invalid_argument("wrong number of kernel inputs");
  if (outputs.size() != K::n_outputs)
    throw std::invalid_argument("wrong number of kernel outputs");
  for (const StridedInput& in : inputs)
    if (in.data == nullptr || in.strides.size() != shape.size())
      throw std::invalid_argument("input rank does not match the grid");
  if (shape.empty()) {  // a single scenario: a grid of one point
    shape.push_back(1);
    for (StridedInput& in : inputs) in.strides.push_back(0);
  }
  const std::int64_t size = grid_size(shape);
  std::vector<std::int64_t> nonfinite(K::n_outputs, 0);
  if (size == 0) return nonfinite;

  const std::int64_t threads = detail::thread_count(size, n_threads);

  // Contiguous, near-equal ranges: thread t gets [begin_of(t), begin_of(t+1)).
  const std::int64_t part = size / threads;
  const std::int64_t extra = size % threads;
  auto begin_of = [&](std::int64_t t) { return t * part + std::min(t, extra); };

  std::vector<std::vector<std::int64_t>> counts(
      static_cast<std::size_t>(threads),
      std::vector<std::int64_t>(K::n_outputs, 0));
  detail::run_threads(threads, [&](std::int64_t t) {
    detail::StoreSink<K> sink{outputs, counts[static_cast<std::size_t>(t)].data()};
    detail::evaluate_range<K>(shape, inputs, begin_of(t), begin_of(t + 1), sink);
  });
  for (const auto& c : counts)
    for (std::size_t o = 0; o < K::n_outputs; ++o) nonfinite[o] += c[o];
  return nonfinite;
}

// Explicit instantiations live in cpp/src/core.cpp (the static library).
extern template std::vector<std::int64_t> evaluate<TrainKernel>(
    std::vector<std::int64_t>, std::vector<StridedInput>,
    const std::vector<double*>&, int);
extern template std::vector<std::int64_t> evaluate<ServeKernel>(
    std::vector<std::int64_t>, std::vector<StridedInput>,
    const std::vector<double*>&, int);
extern template std::vector<std::int64_t> evaluate<AffordKernel>(
    std::vector<std::int64_t>, std::vector<StridedInput>,
    const std::vector<double*>&, int);
extern template std::vector<std::int64_t> evaluate<AccessKernel>(
    std::vector<std::int64_t>, std::vector<StridedInput>,
    const std::vector<double*>&, int);

}  // namespace cd
