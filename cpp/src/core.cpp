// The static library of the core: one compiled instance of each kernel.
#include "computedivide/grid.hpp"
#include "computedivide/reduce.hpp"

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <utility>

namespace cd {

// The block loops vectorise; where the compiler can dispatch on the CPU at
// run time (GCC or Clang, x86-64, ELF), they are also built for AVX-512 and
// AVX2. All builds do the same IEEE operations in the same order (the build
// turns FMA contraction off: -ffp-contract=off), so results are identical
// whichever one runs, and equal to the scalar code's.
#if defined(__x86_64__) && defined(__ELF__) && (defined(__GNUC__) || defined(__clang__)) && \
    !defined(CD_NO_TARGET_CLONES)
#define CD_TARGET_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define CD_TARGET_CLONES
#endif

// Ignore assumed dependences between the input and output columns of a
// block: they never overlap (inputs are the caller's arrays or scratch,
// outputs are fresh arrays or scratch), so the loop vectorises without
// run-time alias checks.
#if defined(__clang__)
#define CD_IVDEP _Pragma("clang loop vectorize(assume_safety)")
#elif defined(__GNUC__)
#define CD_IVDEP _Pragma("GCC ivdep")
#else
#define CD_IVDEP
#endif

namespace {

// The point function of kernel K over n columns, writing (and so computing)
// only the outputs of `Groups`.
template <class K, std::uint32_t Groups>
CD_TARGET_CLONES void block(const double* const* __restrict in, double* const* __restrict out,
                            std::int64_t n) {
  CD_IVDEP
  for (std::int64_t k = 0; k < n; ++k) {
    typename K::In point;
    K::load(point, in, k);
    K::template store<Groups>(K::point(point), out, k);
  }
}

// The point function of a searching kernel (the inverse question) over n
// columns: each point is a search of its own, a loop of data-dependent
// length, so this loop is scalar.
template <class K, std::uint32_t Groups>
void search_block(const double* const* in, double* const* out, std::int64_t n) {
  for (std::int64_t k = 0; k < n; ++k) {
    typename K::In point;
    K::load(point, in, k);
    K::template store<Groups>(K::point(point), out, k);
  }
}

template <class K>
BlockFunction search_block_for(std::uint32_t groups) {
  static_assert(K::n_groups == 1, "a searching kernel computes every output");
  static const BlockFunction table[] = {&search_block<K, 0>, &search_block<K, 1>};
  if (groups >= 2) throw std::invalid_argument("unknown output groups");
  return table[groups];
}

// The training kernel over n columns of a row whose compute inputs are
// constant (see Staging): the compute stage once, inlined here so that only
// what Groups stores is computed, then the site stage per point.
// With DealFromRow, the deal inputs (CD_TRAIN_DEAL_INPUTS) are the row's
// too: scalars for the loop, not columns.
#define CD_DEAL_FROM_ROW(name) point.name = row_point.name;
template <std::uint32_t Groups, bool DealFromRow>
CD_TARGET_CLONES void train_site_block(const TrainIn& row_point,
                                       const double* const* __restrict in,
                                       double* const* __restrict out, std::int64_t n) {
  const TrainCompute compute = train_compute(row_point);
  CD_IVDEP
  for (std::int64_t k = 0; k < n; ++k) {
    TrainIn point;
    TrainKernel::load(point, in, k);  // only the site inputs are used
    if constexpr (DealFromRow) {
      CD_TRAIN_DEAL_INPUTS(CD_DEAL_FROM_ROW)
    }
    TrainKernel::store<Groups>(train_site(compute, point), out, k);
  }
}
#undef CD_DEAL_FROM_ROW

#define CD_VOLUME_FROM_COLUMN(name) point.name = in[TrainKernel::input_##name][k];
template <std::uint32_t Groups>
CD_TARGET_CLONES void train_volume_block(const TrainIn& row_point,
                                         const double* const* __restrict in,
                                         double* const* __restrict out, std::int64_t n) {
  CD_IVDEP
  for (std::int64_t k = 0; k < n; ++k) {
    TrainIn point = row_point;
    CD_TRAIN_VOLUME_INPUTS(CD_VOLUME_FROM_COLUMN)
    TrainKernel::store<Groups>(train_point(point), out, k);
  }
}
#undef CD_VOLUME_FROM_COLUMN

template <std::size_t... Groups>
TrainSiteBlockFunction train_volume_block_for(std::uint32_t groups,
                                              std::index_sequence<Groups...>) {
  static const TrainSiteBlockFunction table[] = {
      &train_volume_block<static_cast<std::uint32_t>(Groups)>...};
  if (groups >= sizeof...(Groups)) throw std::invalid_argument("unknown output groups");
  return table[groups];
}

template <std::size_t... Groups>
TrainSiteBlockFunction train_site_block_for(std::uint32_t groups, bool deal_from_row,
                                            std::index_sequence<Groups...>) {
  static const TrainSiteBlockFunction table[2][sizeof...(Groups)] = {
      {&train_site_block<static_cast<std::uint32_t>(Groups), false>...},
      {&train_site_block<static_cast<std::uint32_t>(Groups), true>...}};
  if (groups >= sizeof...(Groups)) throw std::invalid_argument("unknown output groups");
  return table[deal_from_row ? 1 : 0][groups];
}

// The block function of every set of K's output groups, by its bit mask.
template <class K, std::size_t... Groups>
BlockFunction block_for(std::uint32_t groups, std::index_sequence<Groups...>) {
  static const BlockFunction table[] = {&block<K, static_cast<std::uint32_t>(Groups)>...};
  if (groups >= sizeof...(Groups)) throw std::invalid_argument("unknown output groups");
  return table[groups];
}

template <class K>
BlockFunction block_for(std::uint32_t groups) {
  return block_for<K>(groups, std::make_index_sequence<std::size_t{1} << K::n_groups>{});
}

}  // namespace

// One 32-byte vector of T (4 doubles, 8 floats) and the mask a comparison
// of two gives, from GCC's and Clang's vector extension: one AVX2 register
// (two SSE2 registers in the default clone). 64-byte vectors, one AVX-512
// register, were tried: GCC lowers them for the AVX2 clone through the
// stack (3-4x the instructions, callgrind, 2026-12-04).
#if defined(__GNUC__) || defined(__clang__)
#define CD_VECTORS 1
#if !defined(__clang__)
// The vectors are passed only between inlined functions: no ABI is crossed.
#pragma GCC diagnostic ignored "-Wpsabi"
#endif
template <class T>
struct Wide;
template <>
struct Wide<double> {
  typedef double V __attribute__((vector_size(32)));
  typedef std::int64_t Mask __attribute__((vector_size(32)));
};
template <>
struct Wide<float> {
  typedef float V __attribute__((vector_size(32)));
  typedef std::int32_t Mask __attribute__((vector_size(32)));
};

// The sum of a vector's lanes, halves added to halves (log2 of the lanes
// adds, not a serial chain); for terms whose order does not matter.
template <class T, int Bytes>
struct Lanes {
  typedef T V __attribute__((vector_size(Bytes)));
  static CD_INLINE T sum(V v) {
    if constexpr (Bytes == 2 * sizeof(T)) {
      return v[0] + v[1];
    } else {
      typename Lanes<T, Bytes / 2>::V low, high;
      std::memcpy(&low, &v, sizeof low);
      std::memcpy(&high, reinterpret_cast<const char*>(&v) + sizeof low, sizeof high);
      return Lanes<T, Bytes / 2>::sum(low + high);
    }
  }
};
#else
#define CD_VECTORS 0
#endif

// The sum of f(x[k]) over k in [0, n), for terms whose order does not
// matter (small whole numbers, or a test for zero): in four independent
// vector accumulators (so that the adds do not wait on each other), then one
// vector at a time, then the rest one by one; f takes a vector or a scalar.
// Written with explicit vectors: from plain loops GCC vectorised the
// four-accumulator loop but ran the one-vector loop and the lanes' combine
// in scalars through the stack (27 % of the streaming profile, 2026-12-04).
template <class T, class F>
CD_INLINE T lane_sum(const T* x, std::int64_t n, F f) {
  std::int64_t k = 0;
  T total = 0;
#if CD_VECTORS
  using V = typename Wide<T>::V;
  constexpr std::int64_t kWidth = sizeof(V) / sizeof(T);
  if (n >= kWidth) {
    V a0 = {}, a1 = {}, a2 = {}, a3 = {}, v0, v1, v2, v3;
    for (; k + 4 * kWidth <= n; k += 4 * kWidth) {
      std::memcpy(&v0, x + k, sizeof v0);
      std::memcpy(&v1, x + k + kWidth, sizeof v1);
      std::memcpy(&v2, x + k + 2 * kWidth, sizeof v2);
      std::memcpy(&v3, x + k + 3 * kWidth, sizeof v3);
      a0 += f(v0);
      a1 += f(v1);
      a2 += f(v2);
      a3 += f(v3);
    }
    for (; k + kWidth <= n; k += kWidth) {
      std::memcpy(&v0, x + k, sizeof v0);
      a0 += f(v0);
    }
    total = Lanes<T, sizeof(V)>::sum((a0 + a1) + (a2 + a3));
  }
#endif
  for (; k < n; ++k) total += f(x[k]);
  return total;
}

// x - x: 0 for a finite x, NaN otherwise (scalar or vector).
struct NotFiniteTerm {
  template <class V>
  CD_INLINE V operator()(V v) const {
    return v - v;
  }
};

// 1 where x <= threshold, else 0, plus x - x (scalar or vector).
struct AtMostTerm {
  double threshold;
  CD_INLINE double operator()(double v) const { return (v <= threshold ? 1.0 : 0.0) + (v - v); }
#if CD_VECTORS
  CD_INLINE Wide<double>::V operator()(Wide<double>::V v) const {
    using V = Wide<double>::V;
    using Mask = Wide<double>::Mask;
    const V limit = V{} + threshold;
    const V one = V{} + 1.0;
    // The comparison's mask (all ones where true) keeps 1.0's bits.
    return reinterpret_cast<V>(reinterpret_cast<Mask>(v <= limit) & reinterpret_cast<Mask>(one)) +
           (v - v);
  }
#endif
};

// How many of x[0..n) are not finite (NaN or infinite). x - x is 0 for a
// finite x and NaN otherwise, so the lane sum of x - x is 0 exactly when
// all are finite, the common case, which needs no count.
template <class T>
CD_INLINE std::int64_t nonfinite_in(const T* x, std::int64_t n) {
  if (lane_sum(x, n, NotFiniteTerm{}) == 0) return 0;
  std::int64_t bad = 0;
  for (std::int64_t k = 0; k < n; ++k) bad += (x[k] - x[k] == 0) ? 0 : 1;
  return bad;
}

CD_TARGET_CLONES void spread(double* to, double value, std::int64_t n) {
  for (std::int64_t k = 0; k < n; ++k) to[k] = value;
}

CD_TARGET_CLONES std::int64_t count_nonfinite(const double* x, std::int64_t n) {
  return nonfinite_in(x, n);
}

CD_TARGET_CLONES std::int64_t stream_out(double* to, const double* from, std::int64_t n) {
#if defined(__SSE2__) && !defined(CD_NO_STREAM)
  // A first double to reach 16-byte alignment, then streaming stores of
  // two; the lane sums of x - x (two accumulators of two lanes) come from
  // the same loads.
  std::int64_t k = 0;
  double zero = 0;
  if ((reinterpret_cast<std::uintptr_t>(to) & 15u) != 0 && n > 0) {
    to[0] = from[0];
    zero += from[0] - from[0];
    k = 1;
  }
  __m128d z0 = _mm_setzero_pd(), z1 = _mm_setzero_pd();
  for (; k + 4 <= n; k += 4) {
    const __m128d a = _mm_loadu_pd(from + k), b = _mm_loadu_pd(from + k + 2);
    _mm_stream_pd(to + k, a);
    _mm_stream_pd(to + k + 2, b);
    z0 = _mm_add_pd(z0, _mm_sub_pd(a, a));
    z1 = _mm_add_pd(z1, _mm_sub_pd(b, b));
  }
  for (; k + 2 <= n; k += 2) {
    const __m128d a = _mm_loadu_pd(from + k);
    _mm_stream_pd(to + k, a);
    z0 = _mm_add_pd(z0, _mm_sub_pd(a, a));
  }
  if (k < n) {
    to[k] = from[k];
    zero += from[k] - from[k];
  }
  double lanes[2];
  _mm_storeu_pd(lanes, _mm_add_pd(z0, z1));
  if (zero + (lanes[0] + lanes[1]) == 0) return 0;
  return nonfinite_in(from, n);
#else
  std::memcpy(to, from, static_cast<std::size_t>(n) * sizeof(double));
  return nonfinite_in(from, n);
#endif
}

CD_TARGET_CLONES std::int64_t stream_out(float* to, const double* from, std::int64_t n) {
#if defined(__SSE2__) && !defined(CD_NO_STREAM)
  // Scalars to reach 16-byte alignment, then four at a time: two pairs of
  // doubles rounded (cvtpd2ps: to nearest, past float's range +-inf) into
  // one streaming store of four floats, whose lane sums of f - f tell
  // whether all are finite.
  std::int64_t k = 0;
  float zero = 0;
  for (; k < n && (reinterpret_cast<std::uintptr_t>(to + k) & 15u) != 0; ++k) {
    to[k] = static_cast<float>(from[k]);
    zero += to[k] - to[k];
  }
  __m128 z = _mm_setzero_ps();
  for (; k + 4 <= n; k += 4) {
    const __m128 low = _mm_cvtpd_ps(_mm_loadu_pd(from + k));
    const __m128 high = _mm_cvtpd_ps(_mm_loadu_pd(from + k + 2));
    const __m128 four = _mm_movelh_ps(low, high);
    _mm_stream_ps(to + k, four);
    z = _mm_add_ps(z, _mm_sub_ps(four, four));
  }
  for (; k < n; ++k) {
    to[k] = static_cast<float>(from[k]);
    zero += to[k] - to[k];
  }
  float lanes[4];
  _mm_storeu_ps(lanes, z);
  if (zero + ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) == 0) return 0;
#else
  for (std::int64_t k = 0; k < n; ++k) to[k] = static_cast<float>(from[k]);
#endif
  std::int64_t bad = 0;  // counted again from the doubles (`to` may be write-combining)
  for (std::int64_t k = 0; k < n; ++k) {
    const float f = static_cast<float>(from[k]);
    bad += (f - f == 0) ? 0 : 1;
  }
  return bad;
}

// The lesser (greater) of two values. `x < m ? x : m` is exactly the
// instruction minpd (maxpd alike): no reassociation and no NaN rule
// changes, so lanes of it give a sequential scan's result for finite input.
template <bool Least>
CD_INLINE double pick(double a, double b) {
  return Least ? (a < b ? a : b) : (a > b ? a : b);
}

// The extreme of x[0..n) and the first point that attains it, in four
// vectors of lanes with the index where each lane's extreme was found (a
// strict comparison keeps a lane's first); the lanes that attain the
// extreme give the first index overall. The index vectors come from one
// running vector of positions (an add per vector, not a broadcast). In the
// same pass: whether all are finite (the bits of x - x, +0 exactly for a
// finite x, OR-ed together) and, with Count, how many are <= threshold (the
// comparison's mask, -1 where true, subtracted from integer lanes). Four
// accumulators so that no comparison waits on the previous one's blend.
// GCC and Clang get the vectors from their vector extension; other
// compilers scan sequentially.
template <bool Least, bool Count>
CD_INLINE ExtremeScan extreme_scan(const double* x, std::int64_t n, double threshold) {
  double best = x[0];
  std::int64_t index = 0;
  std::int64_t below = 0;  // how many are <= threshold (Count)
  double drift = 0;        // the sum of x - x over the scalar part: 0 when finite
  bool vectors_finite = true;
  std::int64_t k = 0;
#if CD_VECTORS
  using V = Wide<double>::V;
  using Mask = Wide<double>::Mask;
  constexpr std::int64_t kWidth = sizeof(V) / sizeof(double);
  constexpr std::int64_t kStep = 4 * kWidth;
  if (n >= kStep) {
    const V limit = V{} + threshold;
    Mask lane;
    for (std::int64_t l = 0; l < kWidth; ++l) lane[l] = l;
    Mask counted = {}, bits = {};
    const auto tally = [&](V v) {
      if constexpr (Count) counted -= reinterpret_cast<Mask>(v <= limit);
      bits |= reinterpret_cast<Mask>(v - v);
    };
    V m0, m1, m2, m3;
    std::memcpy(&m0, x, sizeof m0);
    std::memcpy(&m1, x + kWidth, sizeof m1);
    std::memcpy(&m2, x + 2 * kWidth, sizeof m2);
    std::memcpy(&m3, x + 3 * kWidth, sizeof m3);
    tally(m0);
    tally(m1);
    tally(m2);
    tally(m3);
    Mask i0 = lane, i1 = lane + kWidth, i2 = lane + 2 * kWidth, i3 = lane + 3 * kWidth;
    Mask at = lane + kStep;  // the positions of the next vector's lanes
    const auto take = [&](V& m, Mask& im, std::int64_t from, Mask where) {
      V next;
      std::memcpy(&next, x + from, sizeof next);
      const Mask better = Least ? next < m : next > m;
      m = better ? next : m;
      im = better ? where : im;
      tally(next);
    };
    for (k = kStep; k + kStep <= n; k += kStep) {
      take(m0, i0, k, at);
      take(m1, i1, k + kWidth, at + kWidth);
      take(m2, i2, k + 2 * kWidth, at + 2 * kWidth);
      take(m3, i3, k + 3 * kWidth, at + 3 * kWidth);
      at += kStep;
    }
    for (; k + kWidth <= n; k += kWidth) {
      take(m0, i0, k, at);
      at += kWidth;
    }
    for (std::int64_t l = 0; l < kWidth; ++l) {
      best = pick<Least>(m0[l], best);
      best = pick<Least>(m1[l], best);
      best = pick<Least>(m2[l], best);
      best = pick<Least>(m3[l], best);
    }
    index = n;
    const auto first = [&](const V& m, const Mask& im) {
      for (std::int64_t l = 0; l < kWidth; ++l)
        if (m[l] == best && im[l] < index) index = im[l];
    };
    first(m0, i0);
    first(m1, i1);
    first(m2, i2);
    first(m3, i3);
    std::uint64_t any = 0;
    for (std::int64_t l = 0; l < kWidth; ++l) {
      below += counted[l];
      any |= static_cast<std::uint64_t>(bits[l]);
    }
    vectors_finite = any == 0;
    if (!vectors_finite) index = 0;  // no lane need equal a NaN best
  }
#endif
  for (; k < n; ++k) {
    if (Least ? x[k] < best : x[k] > best) {
      best = x[k];
      index = k;
    }
    if constexpr (Count) below += x[k] <= threshold ? 1 : 0;
    drift += x[k] - x[k];
  }
  const bool finite = vectors_finite && drift == 0;
  // The first attaining point's own value (the sign of a zero included).
  return {finite ? x[index] : best, index, Count ? static_cast<double>(below) : 0.0, finite};
}

CD_TARGET_CLONES ExtremeScan column_min(const double* x, std::int64_t n) {
  return extreme_scan<true, false>(x, n, 0.0);
}

CD_TARGET_CLONES ExtremeScan column_max(const double* x, std::int64_t n) {
  return extreme_scan<false, false>(x, n, 0.0);
}

CD_TARGET_CLONES ExtremeScan column_min_count(const double* x, std::int64_t n, double threshold) {
  return extreme_scan<true, true>(x, n, threshold);
}

CD_TARGET_CLONES ExtremeScan column_max_count(const double* x, std::int64_t n, double threshold) {
  return extreme_scan<false, true>(x, n, threshold);
}

CD_TARGET_CLONES ColumnScan count_at_most(const double* x, std::int64_t n, double threshold) {
  // Counted in double lanes (exact below 2^53), which vectorise; x - x (0,
  // or NaN for a value that is not finite) added to each term makes the sum
  // NaN when any is not finite, in the same pass.
  const double count = lane_sum(x, n, AtMostTerm{threshold});
  return {count, count == count};
}

BlockFunction train_block_for(std::uint32_t groups) { return block_for<TrainKernel>(groups); }
BlockFunction serve_block_for(std::uint32_t groups) { return block_for<ServeKernel>(groups); }
BlockFunction afford_block_for(std::uint32_t groups) { return block_for<AffordKernel>(groups); }
BlockFunction access_block_for(std::uint32_t groups) { return block_for<AccessKernel>(groups); }
BlockFunction develop_block_for(std::uint32_t groups) { return block_for<DevelopKernel>(groups); }
BlockFunction largest_train_block_for(std::uint32_t groups) {
  return search_block_for<LargestTrainKernel>(groups);
}
BlockFunction largest_serve_block_for(std::uint32_t groups) {
  return search_block_for<LargestServeKernel>(groups);
}
TrainSiteBlockFunction train_volume_block_for(std::uint32_t groups) {
  return train_volume_block_for(groups,
                                std::make_index_sequence<std::size_t{1} << TrainKernel::n_groups>{});
}
TrainSiteBlockFunction train_site_block_for(std::uint32_t groups, bool deal_from_row) {
  return train_site_block_for(groups, deal_from_row,
                              std::make_index_sequence<std::size_t{1} << TrainKernel::n_groups>{});
}

CD_EVALUATE_INSTANCES()
#undef CD_EVALUATE_INSTANCES
#undef CD_EVALUATE_KERNEL
#undef CD_EVALUATE_INSTANCE

template std::vector<std::int64_t> reduce<TrainKernel>(
    std::vector<std::int64_t>, std::vector<StridedInput>, const std::vector<Reduction>&,
    std::int64_t, const std::vector<double*>&, std::int64_t, int,
    const std::function<void(std::int64_t, std::int64_t)>&);
template std::vector<std::int64_t> reduce<ServeKernel>(
    std::vector<std::int64_t>, std::vector<StridedInput>, const std::vector<Reduction>&,
    std::int64_t, const std::vector<double*>&, std::int64_t, int,
    const std::function<void(std::int64_t, std::int64_t)>&);

}  // namespace cd
