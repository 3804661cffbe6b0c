// computedivide core: evaluation of a kernel over a broadcast grid.
//
// A grid is the broadcast of the inputs. Inputs are never materialised: each
// is a pointer plus one stride per grid dimension (in elements, 0 where the
// input does not vary along that dimension). Outputs are dense, C-ordered
// arrays of the grid's shape. Every requested output is written in the same
// pass (fused), and the flat index space is split among threads.
#pragma once

#include <algorithm>
#include <array>
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

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "computedivide/metrics.hpp"

namespace cd {

// Kernel traits: names, counts, the point function of each kernel, and the
// moves between a struct and position k of a set of columns (one per field,
// in declaration order; the counter folds to constants).
#define CD_NAME(name) #name,
#define CD_COUNT(name) +1
#define CD_ENUM(name) name,
#define CD_INPUT_ENUM(name) input_##name,
#define CD_INPUT_BIT_OF_TRAIN(name) | (std::uint64_t{1} << TrainKernel::input_##name)
#define CD_LOAD(name) in.name = columns[i++][k];
#define CD_STORE_IF(name) \
  if constexpr (wants(Groups, name)) columns[name][k] = out.name;

// Inlined into every block function, however many there are: the loop of a
// block only vectorises when the point function is inlined into it.
#if defined(__GNUC__) || defined(__clang__)
#define CD_INLINE inline __attribute__((always_inline))
#else
#define CD_INLINE inline
#endif

// Points evaluated together: a row of the grid is cut into blocks of at most
// this many points, over which the point function runs as a vector loop.
inline constexpr std::int64_t kBlock = 128;

// The point function over n <= kBlock points. in[i] is the column of input i
// (contiguous, n values), out[o] the column of output o. Only the outputs of
// the block's output groups are written (and computed: the compiler drops
// the formulas that feed no written output).
using BlockFunction = void (*)(const double* const* in, double* const* out, std::int64_t n);

// The block function of each kernel for a set of output groups (a bit mask),
// compiled in core.cpp (once per instruction set where the compiler can
// dispatch at run time).
BlockFunction train_block_for(std::uint32_t groups);
BlockFunction serve_block_for(std::uint32_t groups);
BlockFunction afford_block_for(std::uint32_t groups);
BlockFunction access_block_for(std::uint32_t groups);
BlockFunction develop_block_for(std::uint32_t groups);
// The inverse kernels search per point (a scalar loop, not vectorised).
BlockFunction largest_train_block_for(std::uint32_t groups);
BlockFunction largest_serve_block_for(std::uint32_t groups);

// Scans of a column of n values, compiled in core.cpp (vectorised, once per
// instruction set): how many are not finite (NaN or infinite).
std::int64_t count_nonfinite(const double* x, std::int64_t n);
// Copies n doubles to `to` with non-temporal stores where the CPU has them
// (x86-64: SSE2; call detail::stream_fence() before the thread finishes)
// and returns how many are not finite: the copy and count_nonfinite in one
// pass over `from`.
std::int64_t stream_out(double* to, const double* from, std::int64_t n);
// The same into floats: each double rounded to float (to nearest; past
// float's range to +-inf) and streamed, and the floats that are not finite
// counted (a double beyond 3.4e38 counts).
std::int64_t stream_out(float* to, const double* from, std::int64_t n);
// Scans of a reduction's column of n >= 1 values, each finding in the same
// pass whether all n are finite; the rest holds only when `finite` is true.
// How many are <= threshold:
struct ColumnScan {
  double value;
  bool finite;
};
ColumnScan count_at_most(const double* x, std::int64_t n, double threshold);
// The least (or greatest), the index of the first point that attains it,
// and its own value (the sign of a zero included); with _count, also how
// many are <= threshold (a minimum and a threshold count of one output).
struct ExtremeScan {
  double value;
  std::int64_t index;
  double count;
  bool finite;
};
ExtremeScan column_min(const double* x, std::int64_t n);
ExtremeScan column_max(const double* x, std::int64_t n);
ExtremeScan column_min_count(const double* x, std::int64_t n, double threshold);
ExtremeScan column_max_count(const double* x, std::int64_t n, double threshold);

// Writes n copies of `value` to `to` (vectorised, once per instruction set).
void spread(double* to, double value, std::int64_t n);

// The training kernel over n <= kBlock points of one row whose compute
// inputs are those of `row_point` (see CD_TRAIN_SITE_INPUTS): train_compute
// once, for the row, then train_site over the points; in[i] is the column
// of input i (only the site inputs are read; with `deal_from_row`, the deal
// inputs, CD_TRAIN_DEAL_INPUTS, come from `row_point` too). Compiled per
// set of output groups, so the compute stage too computes only what those
// groups need.
using TrainSiteBlockFunction = void (*)(const TrainIn& row_point, const double* const* in,
                                        double* const* out, std::int64_t n);
TrainSiteBlockFunction train_site_block_for(std::uint32_t groups, bool deal_from_row);
// The training kernel over n <= kBlock points of a row that moves only the
// volume inputs (CD_TRAIN_VOLUME_INPUTS, read from in[i]); every other
// input is `row_point`'s, a scalar for the loop. Same signature as the site
// block.
TrainSiteBlockFunction train_volume_block_for(std::uint32_t groups);

// Output groups of the training kernel: outputs that share their costly
// steps are computed together; a call that wants cost_rent_usd alone skips
// cluster sizing, memory, energy and water.
//   0 volume: train_flops, hardware_flops
//   1 time:   gpu_hours
//   2 cluster: implied_mfu, accelerators, wall time, memory, embodied CO2,
//              capex and the own view
//   3 energy: energy_kwh, co2_kg, water_l
//   4 rent:   cost_rent_usd
inline constexpr int kTrainOutputGroups[] = {0, 0, 1, 2, 2, 2, 2, 2, 3, 3, 2, 3, 4, 2, 2};
// Every output in group 0 (the other kernels are cheap enough to compute
// whole), for kernels of up to 32 outputs.
inline constexpr int kOneGroup[32] = {};

// The traits of one kernel, from its X-macro lists, its point function and
// the group of each output (groups_of; one group where that is all zeros).
#define CD_KERNEL(Kernel, Prefix, INPUTS, OUTPUTS, point_function, block_for,    \
                  groups, groups_of)                                             \
  struct Kernel {                                                                \
    using In = Prefix##In;                                                       \
    using Out = Prefix##Out;                                                     \
    enum OutputIndex : int { OUTPUTS(CD_ENUM) };                                 \
    enum InputIndex : int { INPUTS(CD_INPUT_ENUM) };                             \
    static constexpr std::size_t n_inputs = 0 INPUTS(CD_COUNT);                  \
    static constexpr std::size_t n_outputs = 0 OUTPUTS(CD_COUNT);                \
    static constexpr int n_groups = groups;                                      \
    static constexpr const int* output_group = groups_of;                        \
    static constexpr const char* input_names[] = {INPUTS(CD_NAME)};              \
    static constexpr const char* output_names[] = {OUTPUTS(CD_NAME)};            \
    static constexpr bool wants(std::uint32_t g, int o) {                        \
      return ((g >> output_group[o]) & 1u) != 0;                                 \
    }                                                                            \
    CD_INLINE static Out point(const In& in) { return point_function(in); }     \
    static BlockFunction block(std::uint32_t g) { return block_for(g); }         \
    CD_INLINE static void load(In& in, const double* const* columns,             \
                               std::int64_t k) {                                 \
      std::size_t i = 0;                                                         \
      INPUTS(CD_LOAD)                                                            \
    }                                                                            \
    template <std::uint32_t Groups>                                              \
    CD_INLINE static void store(const Out& out, double* const* columns,          \
                                std::int64_t k) {                                \
      OUTPUTS(CD_STORE_IF)                                                       \
    }                                                                            \
  }

CD_KERNEL(TrainKernel, Train, CD_TRAIN_INPUTS, CD_TRAIN_OUTPUTS, train_point,
          train_block_for, 5, kTrainOutputGroups);
CD_KERNEL(ServeKernel, Serve, CD_SERVE_INPUTS, CD_SERVE_OUTPUTS, serve_point,
          serve_block_for, 1, kOneGroup);
CD_KERNEL(AffordKernel, Afford, CD_AFFORD_INPUTS, CD_AFFORD_OUTPUTS, afford_point,
          afford_block_for, 1, kOneGroup);
CD_KERNEL(AccessKernel, Access, CD_ACCESS_INPUTS, CD_ACCESS_OUTPUTS, access_point,
          access_block_for, 1, kOneGroup);
CD_KERNEL(DevelopKernel, Develop, CD_DEVELOP_INPUTS, CD_DEVELOP_OUTPUTS, develop_point,
          develop_block_for, 1, kOneGroup);
CD_KERNEL(LargestTrainKernel, LargestTrain, CD_LARGEST_TRAIN_INPUTS, CD_LARGEST_TRAIN_OUTPUTS,
          largest_train_point, largest_train_block_for, 1, kOneGroup);
CD_KERNEL(LargestServeKernel, LargestServe, CD_LARGEST_SERVE_INPUTS, CD_LARGEST_SERVE_OUTPUTS,
          largest_serve_point, largest_serve_block_for, 1, kOneGroup);
#undef CD_KERNEL
static_assert(LargestTrainKernel::n_outputs <= 32 && LargestServeKernel::n_outputs <= 32,
              "kOneGroup covers every output");
static_assert(TrainKernel::n_inputs <= 64, "site inputs are a 64-bit mask");
static_assert(sizeof(kTrainOutputGroups) / sizeof(int) == TrainKernel::n_outputs,
              "one group per training output");
static_assert(ServeKernel::n_outputs <= 32 && AffordKernel::n_outputs <= 32 &&
                  AccessKernel::n_outputs <= 32,
              "kOneGroup covers every output");

// Kernels whose formulas fall in a compute stage and a site stage (only the
// training kernel): `site_inputs` marks the inputs the site stage reads.
template <class K>
struct Staging {
  static constexpr bool enabled = false;
};

template <>
struct Staging<TrainKernel> {
  static constexpr bool enabled = true;
  static constexpr std::uint64_t site_inputs = 0 CD_TRAIN_SITE_INPUTS(CD_INPUT_BIT_OF_TRAIN);
  static constexpr std::uint64_t deal_inputs = 0 CD_TRAIN_DEAL_INPUTS(CD_INPUT_BIT_OF_TRAIN);
  static_assert((deal_inputs & ~site_inputs) == 0, "the deal inputs are site inputs");
  static constexpr std::uint64_t volume_inputs = 0 CD_TRAIN_VOLUME_INPUTS(CD_INPUT_BIT_OF_TRAIN);
  static TrainSiteBlockFunction block(std::uint32_t groups, bool deal_from_row) {
    return train_site_block_for(groups, deal_from_row);
  }
  static TrainSiteBlockFunction volume_block(std::uint32_t groups) {
    return train_volume_block_for(groups);
  }
};

#undef CD_NAME
#undef CD_COUNT
#undef CD_ENUM
#undef CD_INPUT_ENUM
#undef CD_INPUT_BIT_OF_TRAIN
#undef CD_LOAD
#undef CD_STORE_IF

// The groups that hold the outputs marked in `wanted` (one flag per output).
template <class K>
std::uint32_t groups_of(const std::vector<bool>& wanted) {
  std::uint32_t groups = 0;
  for (std::size_t o = 0; o < K::n_outputs; ++o)
    if (wanted[o]) groups |= 1u << K::output_group[o];
  return groups;
}

// One input: its data and its stride (in elements) along each grid dimension.
struct StridedInput {
  const double* data = nullptr;
  std::vector<std::ptrdiff_t> strides;
};

// Number of points of a grid; throws std::overflow_error where the product
// of the extents other than 0 is past int64 (as NumPy refuses such a shape),
// wherever a 0 stands: the order of the dimensions does not decide.
inline std::int64_t grid_size(const std::vector<std::int64_t>& shape) {
  std::int64_t size = 1;
  bool empty = false;
  for (std::int64_t extent : shape) {
    if (extent < 0) throw std::invalid_argument("negative grid extent");
    if (extent == 0) {
      empty = true;
      continue;
    }
    if (size > std::numeric_limits<std::int64_t>::max() / extent)
      throw std::overflow_error("grid size overflows a 64-bit index");
    size *= extent;
  }
  return empty ? 0 : size;
}

namespace detail {

// Rows at least this long, whose varying inputs are all site inputs, run
// the compute stage once per row (Staging); shorter rows are cheaper whole.
inline constexpr std::int64_t kMinStagedRow = 32;

template <class K, class Sink>
void evaluate_range(const std::vector<std::int64_t>& shape,
                    const std::vector<StridedInput>& inputs, std::int64_t begin,
                    std::int64_t end, std::uint32_t groups, Sink& sink) {
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

  alignas(64) double scratch[K::n_inputs][kBlock];
  const double* column[K::n_inputs];
  const double* row[K::n_inputs];
  std::ptrdiff_t inner_stride[K::n_inputs];
  for (std::size_t i = 0; i < K::n_inputs; ++i) {
    inner_stride[i] = inputs[i].strides[last];
    column[i] = scratch[i];
  }

  // Staged: the row's compute stage once, then the site stage over the row.
  // Only the site inputs are then read from columns, and where no deal
  // input moves along the row (a row of regions), not even those: they
  // come from the row's first point.
  const BlockFunction block = K::block(groups);
  bool staged = false;
  [[maybe_unused]] bool deal_from_row = false;
  std::uint64_t columns_read = ~std::uint64_t{0};
  if constexpr (Staging<K>::enabled) {
    staged = inner_extent >= kMinStagedRow;
    deal_from_row = true;
    for (std::size_t i = 0; i < K::n_inputs; ++i) {
      if (inner_stride[i] == 0) continue;
      if (((Staging<K>::site_inputs >> i) & 1u) == 0) staged = false;
      if (((Staging<K>::deal_inputs >> i) & 1u) != 0) deal_from_row = false;
    }
    if (staged) {
      columns_read = Staging<K>::site_inputs;
      if (deal_from_row) columns_read &= ~Staging<K>::deal_inputs;
    }
  }
  // A row that moves only volume inputs (a row of token counts or model
  // sizes) reads only those from columns; the rest are the row's first
  // point's, scalars for the block's loop (no compute stage to share).
  [[maybe_unused]] bool volume_row = false;
  if constexpr (Staging<K>::enabled) {
    if (!staged && inner_extent >= kMinStagedRow) {
      volume_row = true;
      for (std::size_t i = 0; i < K::n_inputs; ++i)
        if (inner_stride[i] != 0 && ((Staging<K>::volume_inputs >> i) & 1u) == 0)
          volume_row = false;
      if (volume_row) columns_read = Staging<K>::volume_inputs;
    }
  }
  [[maybe_unused]] const auto site_block = [groups, deal_from_row, volume_row] {
    if constexpr (Staging<K>::enabled)
      return volume_row ? Staging<K>::volume_block(groups) : Staging<K>::block(groups, deal_from_row);
    else return nullptr;
  }();
  // Either way the row's first point is kept and the row block runs.
  staged = staged || volume_row;

  // The inputs by how they move, so that the work per row and per block
  // touches only those that change (most inputs of a sweep are scalars):
  // `moving` have a stride along an outer dimension (their row pointer
  // changes), `along` along the row itself (their column is the row, or a
  // gather of it), `refill` are constant along the row but moving, and are
  // read from a column (spread over it when their value changes). A column
  // of an input that never moves is spread once, here.
  std::size_t moving[K::n_inputs], along[K::n_inputs], refill[K::n_inputs];
  std::size_t n_moving = 0, n_along = 0, n_refill = 0;
  // For a refilled input: the bits of the value its column holds, and for
  // how many points.
  std::uint64_t held_bits[K::n_inputs];
  std::int64_t held[K::n_inputs];
  for (std::size_t i = 0; i < K::n_inputs; ++i) {
    bool outer = false;
    for (std::size_t d = 0; d < last; ++d) outer = outer || inputs[i].strides[d] != 0;
    if (outer) moving[n_moving++] = i;
    held_bits[i] = 0;
    held[i] = 0;
    if (inner_stride[i] != 0) {
      along[n_along++] = i;
    } else if (((columns_read >> i) & 1u) != 0) {
      if (outer) refill[n_refill++] = i;
      else spread(scratch[i], inputs[i].data[0], kBlock);
    }
  }

  // Offset of the current row in each moving input, kept up to date as the
  // multi-index moves: stride[d][i] is input i's stride along dimension d.
  std::vector<std::array<std::ptrdiff_t, K::n_inputs>> stride(ndim);
  std::array<std::ptrdiff_t, K::n_inputs> offset{};
  for (std::size_t d = 0; d < ndim; ++d)
    for (std::size_t i = 0; i < K::n_inputs; ++i) stride[d][i] = inputs[i].strides[d];
  for (std::size_t d = 0; d < last; ++d)
    for (std::size_t i = 0; i < K::n_inputs; ++i)
      offset[i] += static_cast<std::ptrdiff_t>(index[d]) * stride[d][i];
  for (std::size_t i = 0; i < K::n_inputs; ++i) row[i] = inputs[i].data + offset[i];
  // movers[d]: the moving inputs with a stride along outer dimension d;
  // changed_from[d]: those along any of dimensions d..last-1, whose row
  // changes when the multi-index carries into dimension d (most rows carry
  // into the last outer dimension only: an accelerator's inputs change, the
  // model's do not). `dirty` points to the inputs whose row changed.
  std::vector<std::vector<std::size_t>> movers(ndim), changed_from(ndim);
  for (std::size_t d = 0; d < last; ++d)
    for (std::size_t m = 0; m < n_moving; ++m)
      if (stride[d][moving[m]] != 0) movers[d].push_back(moving[m]);
  for (std::size_t d = 0; d < last; ++d)
    for (std::size_t m = 0; m < n_moving; ++m)
      for (std::size_t e = d; e < last; ++e)
        if (stride[e][moving[m]] != 0) {
          changed_from[d].push_back(moving[m]);
          break;
        }
  const std::vector<std::size_t> all_moving(moving, moving + n_moving);
  const std::vector<std::size_t>* dirty = &all_moving;
  // The staged row's first point (the compute stage's inputs), a struct of
  // doubles in input order.
  static_assert(sizeof(typename K::In) == K::n_inputs * sizeof(double), "inputs are doubles");
  typename K::In first_point;
  if constexpr (Staging<K>::enabled) K::load(first_point, row, 0);

  std::int64_t flat = begin;
  while (flat < end) {
    for (const std::size_t i : *dirty) row[i] = inputs[i].data + offset[i];
    const std::int64_t j0 = index[last];
    const std::int64_t j1 = std::min(inner_extent, j0 + (end - flat));
    const std::int64_t fill = std::min(kBlock, j1 - j0);
    for (std::size_t m = 0; m < n_refill; ++m) {
      const std::size_t i = refill[m];
      const double value = row[i][0];
      std::uint64_t bits;
      std::memcpy(&bits, &value, sizeof bits);
      if (held[i] < fill || bits != held_bits[i]) {
        spread(scratch[i], value, fill);
        held[i] = fill;
        held_bits[i] = bits;
      }
    }

    if constexpr (Staging<K>::enabled) {
      if (staged) {
        // The row's first point; inputs whose row did not change keep their
        // value (a moving input is constant along the row: its stride
        // along the row is 0, or the row is not staged).
        for (const std::size_t i : *dirty)
          std::memcpy(reinterpret_cast<char*>(&first_point) + i * sizeof(double),
                      row[i] + j0 * inner_stride[i], sizeof(double));
      }
    }

    for (std::int64_t jb = j0; jb < j1; jb += kBlock) {
      const std::int64_t n = std::min(kBlock, j1 - jb);
      for (std::size_t a = 0; a < n_along; ++a) {
        const std::size_t i = along[a];
        const std::ptrdiff_t stride = inner_stride[i];
        const double* source = row[i] + jb * stride;
        if (stride == 1) {
          column[i] = source;
        } else {
          for (std::int64_t k = 0; k < n; ++k) scratch[i][k] = source[k * stride];
          column[i] = scratch[i];
        }
      }
      const std::int64_t at = flat + (jb - j0);
      if constexpr (Staging<K>::enabled) {
        if (staged) {
          site_block(first_point, column, sink.columns(at, n), n);
          sink.consume(at, n);
          continue;
        }
      }
      block(column, sink.columns(at, n), n);
      sink.consume(at, n);
    }
    flat += j1 - j0;
    // Carry the multi-index (and the offsets) to the next row.
    index[last] = 0;
    dirty = &all_moving;  // past the grid's end: unused
    for (std::size_t d = last; d-- > 0;) {
      if (++index[d] < shape[d]) {
        for (const std::size_t i : movers[d]) offset[i] += stride[d][i];
        dirty = &changed_from[d];
        break;
      }
      const auto back = static_cast<std::ptrdiff_t>(shape[d] - 1);
      for (const std::size_t i : movers[d]) offset[i] -= back * stride[d][i];
      index[d] = 0;
    }
  }
}

// Makes the streaming stores of stream_out visible to other threads; call
// it before a thread that wrote outputs finishes.
inline void stream_fence() {
#if defined(__SSE2__)
  _mm_sfence();
#endif
}

// The scratch columns a block writes its outputs to (the base of a Sink),
// room for `Capacity` points each.
template <class K, std::int64_t Capacity = kBlock>
struct BlockColumns {
  alignas(64) double scratch[K::n_outputs][Capacity];
  double* column[K::n_outputs];

  double* const* columns(std::int64_t /*at*/, std::int64_t /*n*/) {
    for (std::size_t o = 0; o < K::n_outputs; ++o) column[o] = scratch[o];
    return column;
  }
};

// Writes each wanted output into its dense array and counts the values that
// are not finite: the block computes into scratch columns (in the cache),
// which stream_out then streams to the arrays. T is the outputs' type:
// double, or float (rounded from the double results, half the bytes
// written).
template <class K, class T>
struct StoreSink : BlockColumns<K> {
  static_assert(std::is_same_v<T, double> || std::is_same_v<T, float>, "float64 or float32");
  const std::vector<T*>& outputs;
  std::int64_t* nonfinite;
  using BlockColumns<K>::scratch;

  StoreSink(const std::vector<T*>& outputs_, std::int64_t* nonfinite_)
      : BlockColumns<K>(), outputs(outputs_), nonfinite(nonfinite_) {}
  void consume(std::int64_t at, std::int64_t n) {
    for (std::size_t o = 0; o < K::n_outputs; ++o) {
      if (outputs[o] == nullptr) continue;
      if constexpr (std::is_same_v<T, double>) {
        nonfinite[o] += cd::stream_out(outputs[o] + at, scratch[o], n);
      } else {
        nonfinite[o] += cd::stream_out(outputs[o] + at, scratch[o], n);
      }
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
// C-ordered buffer of grid_size(shape) values of T: double, or float for
// the float64 results rounded to float32). Returns, per output, the count of
// non-finite values written. Results do not depend on n_threads.
template <class K, class T = double>
std::vector<std::int64_t> evaluate(std::vector<std::int64_t> shape,
                                   std::vector<StridedInput> inputs,
                                   const std::vector<T*>& outputs,
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
  std::vector<bool> wanted(K::n_outputs);
  for (std::size_t o = 0; o < K::n_outputs; ++o) wanted[o] = outputs[o] != nullptr;
  const std::uint32_t groups = groups_of<K>(wanted);
  detail::run_threads(threads, [&](std::int64_t t) {
    detail::StoreSink<K, T> sink(outputs, counts[static_cast<std::size_t>(t)].data());
    detail::evaluate_range<K>(shape, inputs, begin_of(t), begin_of(t + 1), groups, sink);
    detail::stream_fence();
  });
  for (const auto& c : counts)
    for (std::size_t o = 0; o < K::n_outputs; ++o) nonfinite[o] += c[o];
  return nonfinite;
}

// Explicit instantiations live in cpp/src/core.cpp (the static library),
// for every kernel and both output types.
#define CD_EVALUATE_INSTANCE(Kernel, T)                                         \
  template std::vector<std::int64_t> evaluate<Kernel, T>(                       \
      std::vector<std::int64_t>, std::vector<StridedInput>, const std::vector<T*>&, int);
#define CD_EVALUATE_KERNEL(prefix, Kernel) \
  prefix CD_EVALUATE_INSTANCE(Kernel, double) prefix CD_EVALUATE_INSTANCE(Kernel, float)
#define CD_EVALUATE_INSTANCES(prefix)                                          \
  CD_EVALUATE_KERNEL(prefix, TrainKernel) CD_EVALUATE_KERNEL(prefix, ServeKernel) \
  CD_EVALUATE_KERNEL(prefix, AffordKernel) CD_EVALUATE_KERNEL(prefix, AccessKernel) \
  CD_EVALUATE_KERNEL(prefix, DevelopKernel)                                     \
  CD_EVALUATE_KERNEL(prefix, LargestTrainKernel)                                \
  CD_EVALUATE_KERNEL(prefix, LargestServeKernel)
CD_EVALUATE_INSTANCES(extern)

}  // namespace cd
