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
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "computedivide/metrics.hpp"

namespace cd {

// Kernel traits: names, counts and the point function of each kernel.
#define CD_NAME(name) #name,
#define CD_COUNT(name) +1

struct TrainKernel {
  using In = TrainIn;
  using Out = TrainOut;
  static constexpr std::size_t n_inputs = 0 CD_TRAIN_INPUTS(CD_COUNT);
  static constexpr std::size_t n_outputs = 0 CD_TRAIN_OUTPUTS(CD_COUNT);
  static constexpr const char* input_names[] = {CD_TRAIN_INPUTS(CD_NAME)};
  static constexpr const char* output_names[] = {CD_TRAIN_OUTPUTS(CD_NAME)};
  static Out point(const In& in) { return train_point(in); }
};

struct ServeKernel {
  using In = ServeIn;
  using Out = ServeOut;
  static constexpr std::size_t n_inputs = 0 CD_SERVE_INPUTS(CD_COUNT);
  static constexpr std::size_t n_outputs = 0 CD_SERVE_OUTPUTS(CD_COUNT);
  static constexpr const char* input_names[] = {CD_SERVE_INPUTS(CD_NAME)};
  static constexpr const char* output_names[] = {CD_SERVE_OUTPUTS(CD_NAME)};
  static Out point(const In& in) { return serve_point(in); }
};

#undef CD_NAME
#undef CD_COUNT

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
template <class K>
void evaluate_range(const std::vector<std::int64_t>& shape,
                    const std::vector<StridedInput>& inputs,
                    const std::vector<double*>& outputs, std::int64_t begin,
                    std::int64_t end, std::int64_t* nonfinite) {
  static_assert(std::is_trivially_copyable_v<typename K::In> &&
                sizeof(typename K::In) == K::n_inputs * sizeof(double));
  static_assert(std::is_trivially_copyable_v<typename K::Out> &&
                sizeof(typename K::Out) == K::n_outputs * sizeof(double));
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

  double in_values[K::n_inputs];
  double out_values[K::n_outputs];
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
    for (std::int64_t j = j0; j < j1; ++j) {
      for (std::size_t i = 0; i < K::n_inputs; ++i)
        in_values[i] = row[i][j * inner_stride[i]];
      typename K::In in;
      std::memcpy(&in, in_values, sizeof(in));
      const typename K::Out out = K::point(in);
      std::memcpy(out_values, &out, sizeof(out));
      const std::int64_t at = flat + (j - j0);
      for (std::size_t o = 0; o < K::n_outputs; ++o) {
        if (outputs[o] == nullptr) continue;
        outputs[o][at] = out_values[o];
        if (!std::isfinite(out_values[o])) ++nonfinite[o];
      }
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

  // Below this many points per thread, threads cost more than they save.
  constexpr std::int64_t kMinPointsPerThread = 1 << 14;
  std::int64_t threads = n_threads > 0
                             ? n_threads
                             : std::max(1u, std::thread::hardware_concurrency());
  threads = std::max<std::int64_t>(
      1, std::min(threads, size / kMinPointsPerThread));

  std::vector<std::vector<std::int64_t>> counts(
      static_cast<std::size_t>(threads),
      std::vector<std::int64_t>(K::n_outputs, 0));
  std::vector<std::exception_ptr> errors(static_cast<std::size_t>(threads));
  auto work = [&](std::int64_t t) {
    const std::int64_t begin = size * t / threads;
    const std::int64_t end = size * (t + 1) / threads;
    try {
      detail::evaluate_range<K>(shape, inputs, outputs, begin, end,
                                counts[static_cast<std::size_t>(t)].data());
    } catch (...) {  // rethrown on the calling thread below
      errors[static_cast<std::size_t>(t)] = std::current_exception();
    }
  };
  if (threads == 1) {
    work(0);
  } else {
    std::vector<std::thread> pool;
    pool.reserve(static_cast<std::size_t>(threads - 1));
    for (std::int64_t t = 1; t < threads; ++t) pool.emplace_back(work, t);
    work(0);
    for (std::thread& th : pool) th.join();
  }
  for (const std::exception_ptr& error : errors)
    if (error) std::rethrow_exception(error);
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

}  // namespace cd
