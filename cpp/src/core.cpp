// The static library of the core: one compiled instance of each kernel.
#include "computedivide/grid.hpp"
#include "computedivide/reduce.hpp"

namespace cd {

// The block loops vectorise; where the compiler can dispatch on the CPU at
// run time (GCC or Clang, x86-64, ELF), they are also built for AVX2. Both
// builds do the same IEEE operations in the same order (no FMA contraction:
// ISO C++ mode), so results are identical whichever one runs.
#if defined(__x86_64__) && defined(__ELF__) && (defined(__GNUC__) || defined(__clang__)) && \
    !defined(CD_NO_TARGET_CLONES)
#define CD_TARGET_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define CD_TARGET_CLONES
#endif

// The loop over columns is spelled out in each block function (not a shared
// template) so that it is inlined into, and vectorised for, every clone.
// Input and output columns never overlap (restrict).
CD_TARGET_CLONES
void train_block(const double (*__restrict in)[kBlock], double (*__restrict out)[kBlock],
                 std::int64_t n) {
  for (std::int64_t k = 0; k < n; ++k) {
    TrainIn point;
    TrainKernel::load(point, in, k);
    TrainKernel::store(train_point(point), out, k);
  }
}

CD_TARGET_CLONES
void serve_block(const double (*__restrict in)[kBlock], double (*__restrict out)[kBlock],
                 std::int64_t n) {
  for (std::int64_t k = 0; k < n; ++k) {
    ServeIn point;
    ServeKernel::load(point, in, k);
    ServeKernel::store(serve_point(point), out, k);
  }
}

CD_TARGET_CLONES
void afford_block(const double (*__restrict in)[kBlock], double (*__restrict out)[kBlock],
                 std::int64_t n) {
  for (std::int64_t k = 0; k < n; ++k) {
    AffordIn point;
    AffordKernel::load(point, in, k);
    AffordKernel::store(afford_point(point), out, k);
  }
}

CD_TARGET_CLONES
void access_block(const double (*__restrict in)[kBlock], double (*__restrict out)[kBlock],
                 std::int64_t n) {
  for (std::int64_t k = 0; k < n; ++k) {
    AccessIn point;
    AccessKernel::load(point, in, k);
    AccessKernel::store(access_point(point), out, k);
  }
}

template std::vector<std::int64_t> evaluate<TrainKernel>(
    std::vector<std::int64_t>, std::vector<StridedInput>,
    const std::vector<double*>&, int);
template std::vector<std::int64_t> evaluate<ServeKernel>(
    std::vector<std::int64_t>, std::vector<StridedInput>,
    const std::vector<double*>&, int);
template std::vector<std::int64_t> evaluate<AffordKernel>(
    std::vector<std::int64_t>, std::vector<StridedInput>,
    const std::vector<double*>&, int);
template std::vector<std::int64_t> evaluate<AccessKernel>(
    std::vector<std::int64_t>, std::vector<StridedInput>,
    const std::vector<double*>&, int);

template std::vector<std::int64_t> reduce<TrainKernel>(
    std::vector<std::int64_t>, std::vector<StridedInput>, const std::vector<Reduction>&,
    std::int64_t, const std::vector<double*>&, std::int64_t, int,
    const std::function<void(std::int64_t, std::int64_t)>&);
template std::vector<std::int64_t> reduce<ServeKernel>(
    std::vector<std::int64_t>, std::vector<StridedInput>, const std::vector<Reduction>&,
    std::int64_t, const std::vector<double*>&, std::int64_t, int,
    const std::function<void(std::int64_t, std::int64_t)>&);

}  // namespace cd
