// computedivide core: one streaming reduction and its state (see reduce.hpp
// for the driver over a grid).
//
// State per cell and reduction (all double; counts and indices are exact
// below 2^53, which the drivers check):
//   sum      [s, c]          Neumaier-compensated sum
//   min/max  [value, r]      first r (lowest flat index) that attains it
//   count_le [n]             values <= threshold
//   hist     [under, b_0 .. b_{k-1}, over]   log10-spaced bins on [lo, hi)
//
// The CPU driver (reduce.hpp) and the CUDA kernels (cpp/cuda/) both update
// and merge states with these functions (CD_HD: __host__ __device__ under
// nvcc), so a reduction's rule is written once.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

#include "computedivide/metrics.hpp"

namespace cd {

enum class ReduceOp : int { Sum = 0, Min = 1, Max = 2, CountLE = 3, Hist = 4 };

struct Reduction {
  int output = 0;                        // index into the kernel's outputs
  ReduceOp op = ReduceOp::Sum;
  double threshold = 0.0;                // CountLE
  double log10_lo = 0.0, log10_hi = 0.0;  // Hist: bin edges 10^lo .. 10^hi
  int bins = 0;                          // Hist

  CD_HD std::int64_t width() const {
    switch (op) {
      case ReduceOp::Sum:
      case ReduceOp::Min:
      case ReduceOp::Max: return 2;
      case ReduceOp::CountLE: return 1;
      case ReduceOp::Hist: return std::int64_t{bins} + 2;  // past int for bins near INT_MAX
    }
    return 0;
  }

  CD_HD void init(double* s) const {
    const double inf = HUGE_VAL;  // +inf (IEEE); a macro that CUDA device code accepts too
    switch (op) {
      case ReduceOp::Min: s[0] = inf; s[1] = -1.0; return;
      case ReduceOp::Max: s[0] = -inf; s[1] = -1.0; return;
      default:
        for (std::int64_t i = 0; i < width(); ++i) s[i] = 0.0;
    }
  }

  // Adds value x, the r-th point of its cell (points arrive in flat order).
  CD_HD void update(double* s, double x, std::int64_t r) const {
    switch (op) {
      case ReduceOp::Sum: {
        const double t = s[0] + x;
        s[1] += std::fabs(s[0]) >= std::fabs(x) ? (s[0] - t) + x : (x - t) + s[0];
        s[0] = t;
        return;
      }
      case ReduceOp::Min:
        if (x < s[0]) { s[0] = x; s[1] = static_cast<double>(r); }
        return;
      case ReduceOp::Max:
        if (x > s[0]) { s[0] = x; s[1] = static_cast<double>(r); }
        return;
      case ReduceOp::CountLE:
        s[0] += x <= threshold ? 1.0 : 0.0;
        return;
      case ReduceOp::Hist: {
        if (!(x > 0.0)) { s[0] += 1.0; return; }
        const double position = (std::log10(x) - log10_lo) / (log10_hi - log10_lo) * bins;
        if (position < 0.0) s[0] += 1.0;
        else if (position >= bins) s[std::int64_t{bins} + 1] += 1.0;
        else s[1 + static_cast<std::int64_t>(position)] += 1.0;
        return;
      }
    }
  }

  // Folds `later` (state of points after those of `into`) into `into`.
  CD_HD void merge(double* into, const double* later) const {
    switch (op) {
      case ReduceOp::Sum: {
        const double t = into[0] + later[0];
        into[1] += std::fabs(into[0]) >= std::fabs(later[0]) ? (into[0] - t) + later[0]
                                                             : (later[0] - t) + into[0];
        into[0] = t;
        into[1] += later[1];
        return;
      }
      case ReduceOp::Min:  // strict: on a tie the earlier point stays
        if (later[0] < into[0]) { into[0] = later[0]; into[1] = later[1]; }
        return;
      case ReduceOp::Max:
        if (later[0] > into[0]) { into[0] = later[0]; into[1] = later[1]; }
        return;
      default:
        for (std::int64_t i = 0; i < width(); ++i) into[i] += later[i];
    }
  }
};

// ---- One cell folded by a team of workers (the CUDA kernel's plan; the C++
// tests run the same plan on the host, worker by worker).

// The points [begin, end) of a cell of `points` that worker t of `workers`
// takes: contiguous shares, in worker order, of near-equal size.
struct Share {
  std::int64_t begin;
  std::int64_t end;
};

CD_HD Share share_of(std::int64_t points, int workers, int t) {
  const std::int64_t base = points / workers;
  const std::int64_t extra = points % workers;
  const std::int64_t begin = t * base + (t < extra ? t : extra);
  return {begin, begin + base + (t < extra ? 1 : 0)};
}

// One level of the order-keeping merge of the workers' states (worker t's at
// states + t * state_width, reduction j's at offset[j] within it): at level
// `step` (1, 2, 4, ...), worker t with t % (2 step) == 0 folds in the state
// of worker t + step, whose points come after its own. After the levels
// below `workers`, worker 0 holds the cell's state, as the points folded one
// by one in flat order would give (sums up to reassociation).
CD_HD void merge_level(const Reduction* reductions, const int* offset, int n_reductions,
                       double* states, int state_width, int workers, int t, int step) {
  if (t % (2 * step) != 0 || t + step >= workers) return;
  double* into = states + static_cast<std::int64_t>(t) * state_width;
  const double* later = into + static_cast<std::int64_t>(step) * state_width;
  for (int j = 0; j < n_reductions; ++j) reductions[j].merge(into + offset[j], later + offset[j]);
}

// ---- A grid walked in flat (C) order by one worker (the CUDA kernels'
// index arithmetic; the C++ tests check it against division on the host).
//
// The multi-index of the point at flat index `flat` is found once, by one
// division and one remainder per dimension (`seek`); after that a worker
// moves by 1 (`next`) or by a fixed step (`add`, the step's own multi-index
// added digit by digit with carries), so no division is left in its loop.
// The loops run to MaxDims with a guard, so that a compiler keeps `index`
// in registers. An input's element offset is the dot product of the
// multi-index with its strides (`offset`), computed only for inputs that
// move.
#if defined(__CUDACC__)
#define CD_UNROLL _Pragma("unroll")
#else
#define CD_UNROLL
#endif

template <int MaxDims>
struct GridCursor {
  std::int64_t index[MaxDims];

  CD_HD void seek(const std::int64_t* shape, int ndim, std::int64_t flat) {
    CD_UNROLL
    for (int d = MaxDims - 1; d >= 0; --d) {
      if (d < ndim) {
        index[d] = flat % shape[d];
        flat /= shape[d];
      } else {
        index[d] = 0;
      }
    }
  }

  // The next point in flat order (past the last point, the first again).
  CD_HD void next(const std::int64_t* shape, int ndim) {
    bool carry = true;
    CD_UNROLL
    for (int d = MaxDims - 1; d >= 0; --d) {
      if (d < ndim && carry) {
        carry = ++index[d] == shape[d];
        if (carry) index[d] = 0;
      }
    }
  }

  // `step` points further in flat order (modulo the grid's size), where
  // `digits` is the multi-index of the step (seek of the step).
  CD_HD void add(const std::int64_t* shape, int ndim, const GridCursor& digits) {
    std::int64_t carry = 0;
    CD_UNROLL
    for (int d = MaxDims - 1; d >= 0; --d) {
      if (d < ndim) {
        index[d] += digits.index[d] + carry;
        carry = index[d] >= shape[d] ? 1 : 0;
        if (carry != 0) index[d] -= shape[d];
      }
    }
  }

  CD_HD std::int64_t offset(const std::int64_t* strides, int ndim) const {
    std::int64_t at = 0;
    CD_UNROLL
    for (int d = 0; d < MaxDims; ++d)
      if (d < ndim) at += index[d] * strides[d];
    return at;
  }
};

// Refuses a reduction the drivers cannot run: an output outside the
// kernel's `n_outputs`, or a histogram without bins or finite edges (with an
// infinite edge a bin's position is inf / inf = NaN, and a NaN converted to
// a bin index is undefined: an out-of-bounds write).
inline void check_reduction(const Reduction& red, std::size_t n_outputs) {
  if (red.output < 0 || static_cast<std::size_t>(red.output) >= n_outputs)
    throw std::invalid_argument("reduction of an unknown output");
  if (red.op == ReduceOp::Hist &&
      (red.bins < 1 || !(red.log10_hi > red.log10_lo) || !std::isfinite(red.log10_lo) ||
       !std::isfinite(red.log10_hi)))
    throw std::invalid_argument("histogram needs bins >= 1 and finite lo < hi");
}

// Points per kept cell past which counts and indices in double would be
// inexact.
inline constexpr std::int64_t kMaxReducedSize = (std::int64_t{1} << 53) - 1;

}  // namespace cd
