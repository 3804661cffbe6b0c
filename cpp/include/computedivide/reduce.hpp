// computedivide core: streaming reductions of a kernel over a broadcast grid.
//
// The grid's dimensions are ordered kept-first: the flat index of a point is
// cell * R + r, where `cell` indexes the kept dimensions and r in [0, R) the
// reduced ones. Each cell's points are therefore contiguous in flat order.
// The grid is evaluated in chunks of the flat range (each split among
// threads); only the reductions' state is kept: memory is the number of
// cells times the state width, whatever R.
//
// The state of each reduction per cell is in reduction.hpp.
//
// Min, max, counts and histograms are identical whatever the thread count
// and chunk size; sums differ only by the reassociation of compensated
// partial sums (relative differences near 1e-16).
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <stdexcept>
#include <vector>

#include "computedivide/grid.hpp"
#include "computedivide/reduction.hpp"

namespace cd {

// Updates the state s of a min or max reduction `red` with the scan of a
// piece of points r0.. of one cell, all finite.
inline void take_extreme(const Reduction& red, double* s, const ExtremeScan& scan,
                         std::int64_t r0) {
  if (red.op == ReduceOp::Min ? !(scan.value < s[0]) : !(scan.value > s[0])) return;
  s[0] = scan.value;
  s[1] = static_cast<double>(r0 + scan.index);
}

// Adds x[0..n), points r0.. of one cell, to the state s of `red` when all
// of them are finite, and returns true: the same result as its update()
// point by point, in fewer, vectorising operations (the cloned scans of
// core.cpp, which find whether all are finite in the same pass). Returns
// false, s untouched, when any is not finite.
inline bool update_when_finite(const Reduction& red, double* s, const double* x,
                               std::int64_t n, std::int64_t r0) {
  switch (red.op) {
    case ReduceOp::Min:
    case ReduceOp::Max: {
      const ExtremeScan best = red.op == ReduceOp::Min ? column_min(x, n) : column_max(x, n);
      if (!best.finite) return false;
      take_extreme(red, s, best, r0);
      return true;
    }
    case ReduceOp::CountLE: {
      const ColumnScan count = count_at_most(x, n, red.threshold);
      if (!count.finite) return false;
      s[0] += count.value;
      return true;
    }
    default:
      if (count_nonfinite(x, n) != 0) return false;
      for (std::int64_t k = 0; k < n; ++k) red.update(s, x[k], r0 + k);
      return true;
  }
}

namespace detail {

// Points a reduction sink gathers before it folds them: consecutive blocks
// (several rows of a staged grid) are folded together, so that a kept cell
// of a few rows is one piece and each scan runs once over it, not once per
// row.
inline constexpr std::int64_t kReduceBuffer = 8 * kBlock;

// Folds each block of outputs into the reductions' state. The thread's first
// cell may be shared with the previous thread (or chunk): its state goes to
// `first`, merged in flat order by the driver; every other cell of the
// thread's range is the thread's alone and is updated in place. A block is
// cut where cells change; a piece with no non-finite value takes the
// vectorised update, any other the point-by-point one (which skips them);
// whether a piece of an output is all finite is learnt once, by the first
// reduction that reads it. A min or max and a later threshold count of the
// same output (the cheapest option and how many are under a budget) share
// one pass over each piece.
template <class K>
struct ReduceSink : BlockColumns<K, kReduceBuffer> {
  const std::vector<Reduction>& reductions;
  const std::vector<double*>& states;  // per reduction: cells x width
  std::int64_t reduced_size;           // R
  std::int64_t first_cell;
  std::vector<std::vector<double>>& first;  // per reduction: width
  std::int64_t* nonfinite;                  // per reduction
  // Per reduction: the threshold count a min or max serves (-1: none), and
  // whether a count is served by one; set on the first block.
  std::vector<int> partner = {};
  std::vector<bool> served = {};
  // The gathered points: flat indices [gathered_at, gathered_at + gathered),
  // at the start of the scratch columns.
  std::int64_t gathered_at = 0;
  std::int64_t gathered = 0;
  using BlockColumns<K, kReduceBuffer>::scratch;
  using BlockColumns<K, kReduceBuffer>::column;

  // Where the next block of n points, starting at flat index `at`, writes
  // its outputs: after the gathered ones when it continues them and fits.
  double* const* columns(std::int64_t at, std::int64_t n) {
    if (gathered > 0 && (at != gathered_at + gathered || gathered + n > kReduceBuffer)) flush();
    if (gathered == 0) gathered_at = at;
    for (std::size_t o = 0; o < K::n_outputs; ++o) column[o] = scratch[o] + gathered;
    return column;
  }

  // The block written at columns(at, n) is complete.
  void consume(std::int64_t /*at*/, std::int64_t n) { gathered += n; }

  // Folds the gathered points; call at the end of the thread's range.
  void flush() {
    if (gathered > 0) fold(gathered_at, gathered);
    gathered = 0;
  }

  void pair_up() {
    partner.assign(reductions.size(), -1);
    served.assign(reductions.size(), false);
    for (std::size_t j = 0; j < reductions.size(); ++j) {
      if (reductions[j].op != ReduceOp::Min && reductions[j].op != ReduceOp::Max) continue;
      for (std::size_t c = j + 1; c < reductions.size(); ++c) {
        if (!served[c] && reductions[c].op == ReduceOp::CountLE &&
            reductions[c].output == reductions[j].output) {
          partner[j] = static_cast<int>(c);
          served[c] = true;
          break;
        }
      }
    }
  }

  double* state_of(std::size_t j, std::int64_t cell) {
    return cell == first_cell ? first[j].data() : states[j] + cell * reductions[j].width();
  }

  // Folds the n points from flat index `at`, held at the start of the
  // scratch columns, into the states.
  void fold(std::int64_t at, std::int64_t n) {
    if (partner.size() != reductions.size()) pair_up();
    const std::int64_t first_cell_here = at / reduced_size;
    const std::int64_t first_r = at % reduced_size;
    // Non-finite counts of each piece, per output (several reductions may
    // read one output): -1 until counted.
    std::int64_t pieces_bad[K::n_outputs][2];
    for (auto& b : pieces_bad) b[0] = b[1] = -1;
    for (std::size_t j = 0; j < reductions.size(); ++j) {
      if (served[j]) continue;  // folded with its min or max
      const Reduction& red = reductions[j];
      const int c = partner[j];
      const Reduction* count = c < 0 ? nullptr : &reductions[static_cast<std::size_t>(c)];
      const double* values = scratch[red.output];
      std::int64_t cell = first_cell_here;
      std::int64_t r = first_r;
      for (std::int64_t k = 0, p = 0; k < n; ++p) {
        const std::int64_t piece = std::min(n - k, reduced_size - r);
        double* s = state_of(j, cell);
        double* s_count = count == nullptr ? nullptr : state_of(static_cast<std::size_t>(c), cell);
        std::int64_t unknown = -1;
        std::int64_t& bad = p < 2 ? pieces_bad[red.output][p] : unknown;
        bool done = false;
        if (bad <= 0) {
          if (count == nullptr) {
            done = update_when_finite(red, s, values + k, piece, r);
          } else {
            const ExtremeScan scan =
                red.op == ReduceOp::Min ? column_min_count(values + k, piece, count->threshold)
                                        : column_max_count(values + k, piece, count->threshold);
            if (scan.finite) {
              take_extreme(red, s, scan, r);
              s_count[0] += scan.count;
              done = true;
            }
          }
        }
        if (done) {
          bad = 0;
        } else {
          if (bad < 0) bad = count_nonfinite(values + k, piece);
          for (std::int64_t q = 0; q < piece; ++q) {
            if (!std::isfinite(values[k + q])) continue;
            red.update(s, values[k + q], r + q);
            if (count != nullptr) count->update(s_count, values[k + q], r + q);
          }
          nonfinite[j] += bad;
          if (count != nullptr) nonfinite[c] += bad;
        }
        k += piece;
        r = 0;
        ++cell;
      }
    }
  }
};

}  // namespace detail

// Reduces kernel K over the grid. `states[j]` points to cells x width(j)
// doubles (cells = size / reduced_size), initialised here. After each chunk,
// `after_chunk(done, total)` is called on the calling thread (it may throw to
// stop, e.g. on Ctrl-C). Returns the count of non-finite values per reduction
// (skipped; the caller decides whether that is an error).
template <class K>
std::vector<std::int64_t> reduce(std::vector<std::int64_t> shape, std::vector<StridedInput> inputs,
                                 const std::vector<Reduction>& reductions,
                                 std::int64_t reduced_size, const std::vector<double*>& states,
                                 std::int64_t chunk_points, int n_threads,
                                 const std::function<void(std::int64_t, std::int64_t)>& after_chunk) {
  if (inputs.size() != K::n_inputs) throw std::invalid_argument("wrong number of kernel inputs");
  for (const StridedInput& in : inputs)
    if (in.data == nullptr || in.strides.size() != shape.size())
      throw std::invalid_argument("input rank does not match the grid");
  if (states.size() != reductions.size())
    throw std::invalid_argument("one state array per reduction");
  for (const Reduction& red : reductions) check_reduction(red, K::n_outputs);
  if (shape.empty()) {
    shape.push_back(1);
    for (StridedInput& in : inputs) in.strides.push_back(0);
  }
  const std::int64_t size = grid_size(shape);
  if (reduced_size < 1 || size % reduced_size != 0)
    throw std::invalid_argument("reduced size must divide the grid size");
  if (reduced_size > kMaxReducedSize)
    throw std::overflow_error("more than 2^53 points per kept cell: counts would be inexact");
  if (chunk_points < 1) throw std::invalid_argument("chunk_points must be >= 1");
  const std::int64_t cells = size / reduced_size;
  std::vector<bool> wanted(K::n_outputs, false);
  for (const Reduction& red : reductions) wanted[static_cast<std::size_t>(red.output)] = true;
  const std::uint32_t groups = groups_of<K>(wanted);

  for (std::size_t j = 0; j < reductions.size(); ++j) {
    const std::int64_t w = reductions[j].width();
    for (std::int64_t c = 0; c < cells; ++c) reductions[j].init(states[j] + c * w);
  }
  std::vector<std::int64_t> nonfinite(reductions.size(), 0);

  for (std::int64_t chunk = 0; chunk < size; chunk += chunk_points) {
    const std::int64_t chunk_end = std::min(size, chunk + chunk_points);
    const std::int64_t count = chunk_end - chunk;
    const std::int64_t threads = detail::thread_count(count, n_threads);
    const std::int64_t part = count / threads;
    const std::int64_t extra = count % threads;
    auto begin_of = [&](std::int64_t t) { return chunk + t * part + std::min(t, extra); };

    // Per thread: its first cell's state (merged below in thread order).
    std::vector<std::vector<std::vector<double>>> first(static_cast<std::size_t>(threads));
    std::vector<std::vector<std::int64_t>> bad(
        static_cast<std::size_t>(threads), std::vector<std::int64_t>(reductions.size(), 0));
    for (auto& f : first) {
      f.resize(reductions.size());
      for (std::size_t j = 0; j < reductions.size(); ++j) {
        f[j].assign(static_cast<std::size_t>(reductions[j].width()), 0.0);
        reductions[j].init(f[j].data());
      }
    }
    detail::run_threads(threads, [&](std::int64_t t) {
      const auto ut = static_cast<std::size_t>(t);
      // On the heap: its columns (kReduceBuffer points per output) would
      // crowd a small thread stack (musl's 128 KB, macOS's 512 KB).
      const std::unique_ptr<detail::ReduceSink<K>> sink(new detail::ReduceSink<K>{
          {}, reductions, states, reduced_size, begin_of(t) / reduced_size, first[ut],
          bad[ut].data()});
      detail::evaluate_range<K>(shape, inputs, begin_of(t), begin_of(t + 1), groups, *sink);
      sink->flush();
    });
    for (std::int64_t t = 0; t < threads; ++t) {
      const auto ut = static_cast<std::size_t>(t);
      const std::int64_t cell = begin_of(t) / reduced_size;
      for (std::size_t j = 0; j < reductions.size(); ++j) {
        reductions[j].merge(states[j] + cell * reductions[j].width(), first[ut][j].data());
        nonfinite[j] += bad[ut][j];
      }
    }
    if (after_chunk) after_chunk(chunk_end, size);
  }
  return nonfinite;
}

extern template std::vector<std::int64_t> reduce<TrainKernel>(
    std::vector<std::int64_t>, std::vector<StridedInput>, const std::vector<Reduction>&,
    std::int64_t, const std::vector<double*>&, std::int64_t, int,
    const std::function<void(std::int64_t, std::int64_t)>&);
extern template std::vector<std::int64_t> reduce<ServeKernel>(
    std::vector<std::int64_t>, std::vector<StridedInput>, const std::vector<Reduction>&,
    std::int64_t, const std::vector<double*>&, std::int64_t, int,
    const std::function<void(std::int64_t, std::int64_t)>&);

}  // namespace cd
