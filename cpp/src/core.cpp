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
template <std::uint32_t Groups>
CD_TARGET_CLONES void train_site_block(const TrainIn& row_point,
                                       const double* const* __restrict in,
                                       double* const* __restrict out, std::int64_t n) {
  const TrainCompute compute = train_compute(row_point);
  CD_IVDEP
  for (std::int64_t k = 0; k < n; ++k) {
    TrainIn point;
    TrainKernel::load(point, in, k);  // only the site inputs are used
    TrainKernel::store<Groups>(train_site(compute, point), out, k);
  }
}

template <std::size_t... Groups>
TrainSiteBlockFunction train_site_block_for(std::uint32_t groups,
                                            std::index_sequence<Groups...>) {
  static const TrainSiteBlockFunction table[] = {
      &train_site_block<static_cast<std::uint32_t>(Groups)>...};
  if (groups >= sizeof...(Groups)) throw std::invalid_argument("unknown output groups");
  return table[groups];
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

// The sum of f(x[k]) over k in [0, n), for terms whose order does not
// matter (small whole numbers, or a test for zero): in four independent
// accumulators of one widest vector each (so that the adds vectorise and do
// not wait on each other), then one vector at a time, then the rest; the
// lanes are combined pairwise. Inlined into each instruction set's clone of
// its callers.
template <class T, class F>
CD_INLINE T lane_sum(const T* x, std::int64_t n, F f) {
  constexpr int kWidth = 64 / sizeof(T);
  T lane[4][kWidth] = {};
  std::int64_t k = 0;
  for (; k + 4 * kWidth <= n; k += 4 * kWidth)
    for (int r = 0; r < 4; ++r)
      for (int l = 0; l < kWidth; ++l) lane[r][l] += f(x[k + r * kWidth + l]);
  for (; k + kWidth <= n; k += kWidth)
    for (int l = 0; l < kWidth; ++l) lane[0][l] += f(x[k + l]);
  for (int l = 0; l < kWidth; ++l) lane[0][l] += (lane[1][l] + lane[2][l]) + lane[3][l];
  for (int w = kWidth / 2; w >= 1; w /= 2)
    for (int l = 0; l < w; ++l) lane[0][l] += lane[0][l + w];
  T rest = 0;
  for (; k < n; ++k) rest += f(x[k]);
  return lane[0][0] + rest;
}

// How many of x[0..n) are not finite (NaN or infinite). x - x is 0 for a
// finite x and NaN otherwise, so the lane sum of x - x is 0 exactly when
// all are finite, the common case, which needs no count.
template <class T>
CD_INLINE std::int64_t nonfinite_in(const T* x, std::int64_t n) {
  if (lane_sum(x, n, [](T v) { return v - v; }) == 0) return 0;
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

CD_TARGET_CLONES std::int64_t narrow_to_float(const double* from, float* to, std::int64_t n) {
  // IEEE rounding to nearest (cvtpd2ps on x86-64); past float's range, +-inf.
  for (std::int64_t k = 0; k < n; ++k) to[k] = static_cast<float>(from[k]);
  return nonfinite_in(to, n);
}

// The least (or greatest) of x[0..n), lane-wise in two vectors of four
// lanes, and in the same pass whether all of them are finite (the lane sums
// of x - x are 0 exactly then). `x < m ? x : m` is exactly the instruction
// minpd (maxpd alike): no reassociation and no NaN rule changes, so the
// lanes' result equals a sequential scan's for finite input. GCC and Clang
// get the vectors from their vector extension; other compilers scan
// sequentially.
template <bool Least>
CD_INLINE double pick(double a, double b) {
  return Least ? (a < b ? a : b) : (a > b ? a : b);
}

template <bool Least>
CD_INLINE ColumnScan column_extreme(const double* x, std::int64_t n) {
  double best = x[0];
  double zero = 0;  // the sum of x - x: 0 when all are finite, else NaN
  std::int64_t k = 0;
#if defined(__GNUC__) || defined(__clang__)
  typedef double Four __attribute__((vector_size(32)));
  if (n >= 8) {
    Four a, b, next;
    std::memcpy(&a, x, sizeof a);
    std::memcpy(&b, x + 4, sizeof b);
    Four za = a - a, zb = b - b;
    for (k = 8; k + 8 <= n; k += 8) {
      std::memcpy(&next, x + k, sizeof next);
      a = Least ? (next < a ? next : a) : (next > a ? next : a);
      za += next - next;
      std::memcpy(&next, x + k + 4, sizeof next);
      b = Least ? (next < b ? next : b) : (next > b ? next : b);
      zb += next - next;
    }
    a = Least ? (b < a ? b : a) : (b > a ? b : a);
    za += zb;
    best = a[0];
    zero = (za[0] + za[1]) + (za[2] + za[3]);
    for (int l = 1; l < 4; ++l) best = pick<Least>(a[l], best);
  }
#endif
  for (; k < n; ++k) {
    best = pick<Least>(x[k], best);
    zero += x[k] - x[k];
  }
  return {best, zero == 0};
}

CD_TARGET_CLONES ColumnScan column_min(const double* x, std::int64_t n) {
  return column_extreme<true>(x, n);
}

CD_TARGET_CLONES ColumnScan column_max(const double* x, std::int64_t n) {
  return column_extreme<false>(x, n);
}

CD_TARGET_CLONES ColumnScan count_at_most(const double* x, std::int64_t n, double threshold) {
  // Counted in double lanes (exact below 2^53), which vectorise; x - x (0,
  // or NaN for a value that is not finite) added to each term makes the sum
  // NaN when any is not finite, in the same pass.
  const double count = lane_sum(
      x, n, [threshold](double v) { return (v <= threshold ? 1.0 : 0.0) + (v - v); });
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
TrainSiteBlockFunction train_site_block_for(std::uint32_t groups) {
  return train_site_block_for(groups,
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
