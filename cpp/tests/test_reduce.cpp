// cd::reduce: streaming reductions over a grid, against values by hand and
// against the evaluated grid scanned point by point; chunk sizes and
// thread counts; non-finite values; empty and 0-d grids; refused specs.
#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <utility>
#include <vector>

#include "check.hpp"
#include "scenarios.hpp"

namespace {

using cd::ReduceOp;
using cd::Reduction;
using cd::ServeKernel;
using cd::TrainKernel;
using cdtest::Grid;
using cdtest::kInf;
using cdtest::kUnwritten;

constexpr std::int64_t kWhole = std::int64_t{1} << 40;  // a chunk larger than any grid here

Reduction make(int output, ReduceOp op, double threshold = 0.0, double log10_lo = 0.0,
               double log10_hi = 0.0, int bins = 0) {
  Reduction red;
  red.output = output;
  red.op = op;
  red.threshold = threshold;
  red.log10_lo = log10_lo;
  red.log10_hi = log10_hi;
  red.bins = bins;
  return red;
}

struct Reduced {
  std::vector<std::vector<double>> states;  // per reduction: cells x width
  std::vector<std::int64_t> nonfinite;      // per reduction
  std::vector<std::pair<std::int64_t, std::int64_t>> progress;  // (done, total) per chunk
};

template <class K>
Reduced run_reduce(const Grid<K>& grid, const std::vector<Reduction>& reductions,
                   std::int64_t reduced_size, std::int64_t chunk_points, int n_threads) {
  const std::int64_t cells = reduced_size > 0 ? grid.size() / reduced_size : 0;
  Reduced out;
  std::vector<double*> pointers;
  for (const Reduction& red : reductions) {
    // At least one value, so that an empty state (or the state of a spec
    // reduce refuses) has an address to check.
    const std::int64_t n = cells * red.width();
    out.states.emplace_back(n > 0 ? static_cast<std::size_t>(n) : 1, kUnwritten);
    pointers.push_back(out.states.back().data());
  }
  auto after_chunk = [&out](std::int64_t done, std::int64_t total) {
    out.progress.emplace_back(done, total);
  };
  out.nonfinite = cd::reduce<K>(grid.shape, grid.inputs, reductions, reduced_size, pointers,
                                chunk_points, n_threads, after_chunk);
  return out;
}

// The state of `red` over `values` (cells of reduced_size points each,
// in flat order), written plainly from the definitions of reduce.hpp:
// non-finite values skipped, the first point kept on ties, sums
// compensated (Neumaier) in one pass, accurate to about 1e-16 whatever the
// order (long double would not do: valgrind computes it in double).
std::vector<double> scanned(const Reduction& red, const std::vector<double>& values,
                            std::int64_t reduced_size) {
  const std::int64_t cells = static_cast<std::int64_t>(values.size()) / reduced_size;
  const std::int64_t w = red.width();
  std::vector<double> state(static_cast<std::size_t>(cells * w), 0.0);
  for (std::int64_t c = 0; c < cells; ++c) {
    double* s = state.data() + c * w;
    double sum = 0.0, compensation = 0.0;
    double best = red.op == ReduceOp::Max ? -kInf : kInf;
    double at = -1.0;
    for (std::int64_t r = 0; r < reduced_size; ++r) {
      const double x = values[static_cast<std::size_t>(c * reduced_size + r)];
      if (!std::isfinite(x)) continue;
      switch (red.op) {
        case ReduceOp::Sum: {
          const double t = sum + x;
          compensation += std::fabs(sum) >= std::fabs(x) ? (sum - t) + x : (x - t) + sum;
          sum = t;
          break;
        }
        case ReduceOp::Min:
          if (x < best) { best = x; at = static_cast<double>(r); }
          break;
        case ReduceOp::Max:
          if (x > best) { best = x; at = static_cast<double>(r); }
          break;
        case ReduceOp::CountLE: s[0] += x <= red.threshold ? 1.0 : 0.0; break;
        case ReduceOp::Hist: {
          if (!(x > 0.0)) { s[0] += 1.0; break; }
          const double position =
              (std::log10(x) - red.log10_lo) / (red.log10_hi - red.log10_lo) * red.bins;
          if (position < 0.0) s[0] += 1.0;
          else if (position >= red.bins) s[red.bins + 1] += 1.0;
          else s[1 + static_cast<std::int64_t>(position)] += 1.0;
          break;
        }
      }
    }
    if (red.op == ReduceOp::Sum) s[0] = sum + compensation;
    if (red.op == ReduceOp::Min || red.op == ReduceOp::Max) {
      s[0] = best;
      s[1] = at;
    }
  }
  return state;
}

// Every reduction's state equals the scan of the evaluated grid: exactly
// for min, max, counts and histograms; sums within 1e-14.
void check_states(const std::vector<Reduction>& reductions, const Reduced& reduced,
                  const cdtest::GridOutputs& evaluated, std::int64_t reduced_size) {
  for (std::size_t j = 0; j < reductions.size(); ++j) {
    const Reduction& red = reductions[j];
    const std::vector<double>& values = evaluated.values[static_cast<std::size_t>(red.output)];
    const std::vector<double> expected = scanned(red, values, reduced_size);
    const std::vector<double>& state = reduced.states[j];
    CHECK_EQ(state.size(), expected.size());
    if (state.size() != expected.size()) continue;
    std::int64_t nonfinite = 0;
    for (double x : values) nonfinite += std::isfinite(x) ? 0 : 1;
    CHECK_EQ(reduced.nonfinite[j], nonfinite);
    int mismatches = 0;
    const auto width = static_cast<std::size_t>(red.width());
    for (std::size_t k = 0; k < state.size() && mismatches < 5; k += width) {
      if (red.op == ReduceOp::Sum) {
        if (!cdtest::close(state[k] + state[k + 1], expected[k], 1e-14)) {
          ++mismatches;
          CHECK_CLOSE(state[k] + state[k + 1], expected[k], 1e-14);
        }
        continue;
      }
      for (std::size_t i = k; i < k + width; ++i) {
        if (!cdtest::same_value(state[i], expected[i])) {
          ++mismatches;
          CHECK_SAME(state[i], expected[i]);
        }
      }
    }
    CHECK_EQ(mismatches, 0);
  }
}

// Reductions of the training kernel that meet ties (the accelerator count
// steps), thresholds and histogram edges on a grid of sizes.
std::vector<Reduction> training_reductions() {
  return {make(TrainKernel::cost_rent_usd, ReduceOp::Min),
          make(TrainKernel::cost_rent_usd, ReduceOp::Max),
          make(TrainKernel::n_gpus_used, ReduceOp::Min),
          make(TrainKernel::n_gpus_used, ReduceOp::Max),
          make(TrainKernel::wall_days, ReduceOp::CountLE, 0.5),
          make(TrainKernel::energy_kwh, ReduceOp::Hist, 0.0, -1.0, 6.0, 35),
          make(TrainKernel::gpu_hours, ReduceOp::Hist, 0.0, 0.0, 4.0, 3),
          make(TrainKernel::co2_kg, ReduceOp::Sum),
          // A minimum and a maximum each with a threshold count of the same
          // output: one pass serves both (ReduceSink's partners).
          make(TrainKernel::cost_rent_usd, ReduceOp::CountLE, 3e4),
          make(TrainKernel::wall_days, ReduceOp::Max),
          make(TrainKernel::wall_days, ReduceOp::CountLE, 2.0)};
}

Grid<TrainKernel> grid_of_sizes(std::vector<std::int64_t> shape) {
  Grid<TrainKernel> grid(cdtest::dense_training(), shape);
  const auto p = static_cast<std::size_t>(shape[0]);
  grid.vary("params", 0, cdtest::log_spaced(1e8, 1e11, p));
  grid.vary("active_params", 0, cdtest::log_spaced(1e8, 1e11, p));
  std::vector<double> mfu(static_cast<std::size_t>(shape[1]));
  for (std::size_t k = 0; k < mfu.size(); ++k)
    mfu[k] = 0.2 + 0.4 * static_cast<double>(k) / static_cast<double>(mfu.size());
  grid.vary("mfu", 1, mfu);
  grid.vary("tokens", 2, cdtest::log_spaced(1e9, 1e13, static_cast<std::size_t>(shape[2])));
  return grid;
}

}  // namespace

TEST_CASE(reduce_by_hand) {
  // Cells: N = 1e9 and 2e9 (kept); reduced: D = 1e9 .. 1e12. Without the
  // attention term train_flops = 6 N D:
  //   cell 0: 6e18, 6e19, 6e20, 6e21;  cell 1: 1.2e19, 1.2e20, 1.2e21, 1.2e22.
  auto base = cdtest::dense_training();
  base.set("attention_flops", 0).set("n_gpus", 8);
  Grid<TrainKernel> grid(base, {2, 4});
  grid.vary("params", 0, {1e9, 2e9});
  grid.vary("active_params", 0, {1e9, 2e9});
  grid.vary("tokens", 1, {1e9, 1e10, 1e11, 1e12});
  const std::vector<Reduction> reductions = {
      // Two bins, [1e19, 1e20) and [1e20, 1e21), with under and over.
      make(TrainKernel::train_flops, ReduceOp::Hist, 0.0, 19.0, 21.0, 2),
      make(TrainKernel::train_flops, ReduceOp::Min),
      make(TrainKernel::train_flops, ReduceOp::Max),
      make(TrainKernel::train_flops, ReduceOp::CountLE, 6e20),
      make(TrainKernel::train_flops, ReduceOp::Sum),
      // 8 * 30000 * 1.5 = 360000 everywhere: a tie, the first point stays.
      make(TrainKernel::capex_usd, ReduceOp::Min),
      make(TrainKernel::capex_usd, ReduceOp::Max)};
  for (std::int64_t chunk : {std::int64_t{1}, std::int64_t{3}, std::int64_t{7}, kWhole}) {
    for (int threads : {1, 8}) {
      const Reduced r = run_reduce(grid, reductions, 4, chunk, threads);
      // 6e18 under; 6e19 in bin 0; 6e20 in bin 1; 6e21 over.
      // 1.2e19 in bin 0; 1.2e20 in bin 1; 1.2e21 and 1.2e22 over.
      CHECK(r.states[0] == (std::vector<double>{1, 1, 1, 1, 0, 1, 1, 2}));
      CHECK(r.states[1] == (std::vector<double>{6e18, 0, 1.2e19, 0}));
      CHECK(r.states[2] == (std::vector<double>{6e21, 3, 1.2e22, 3}));
      // <= 6e20: 6e18, 6e19, 6e20 (equal counts); 1.2e19, 1.2e20.
      CHECK(r.states[3] == (std::vector<double>{3, 2}));
      // 6.666e21 and 1.3332e22, as value + compensation.
      CHECK_CLOSE(r.states[4][0] + r.states[4][1], 6.666e21, 1e-15);
      CHECK_CLOSE(r.states[4][2] + r.states[4][3], 1.3332e22, 1e-15);
      CHECK(r.states[5] == (std::vector<double>{360000, 0, 360000, 0}));
      CHECK(r.states[6] == (std::vector<double>{360000, 0, 360000, 0}));
      for (std::int64_t n : r.nonfinite) CHECK_EQ(n, 0);
      // One progress call per chunk, the last at (8, 8).
      const std::int64_t per_chunk = std::min<std::int64_t>(chunk, 8);
      CHECK_EQ(r.progress.size(), static_cast<std::size_t>((8 + per_chunk - 1) / per_chunk));
      CHECK(r.progress.back() == (std::pair<std::int64_t, std::int64_t>{8, 8}));
    }
  }
}

TEST_CASE(reduce_equals_the_scanned_grid_for_chunks_1_7_and_whole) {
  const Grid<TrainKernel> grid = grid_of_sizes({6, 5, 41});
  const auto evaluated = cdtest::evaluate_grid(grid, 1);
  const std::vector<Reduction> reductions = training_reductions();
  // Kept: the first dimension (6 cells of 205 points), then the first two
  // (30 cells of 41 points); a chunk of 7 cuts through cells.
  for (std::int64_t reduced_size : {std::int64_t{205}, std::int64_t{41}}) {
    for (std::int64_t chunk : {std::int64_t{1}, std::int64_t{7}, std::int64_t{64}, kWhole}) {
      const Reduced r = run_reduce(grid, reductions, reduced_size, chunk, 1);
      check_states(reductions, r, evaluated, reduced_size);
      CHECK_EQ(static_cast<std::int64_t>(r.progress.size()),
               (grid.size() + std::min(chunk, grid.size()) - 1) / std::min(chunk, grid.size()));
    }
  }
}

TEST_CASE(reduce_is_identical_for_thread_counts_1_2_8_and_any_chunk) {
  // 3 cells of 8 x 8192 points: 8 threads of 24576 points start inside
  // cells, whose shared first states are merged in order.
  const Grid<TrainKernel> grid = grid_of_sizes({3, 8, 8192});
  const std::vector<Reduction> reductions = training_reductions();
  const std::int64_t reduced_size = 8 * 8192;
  const Reduced reference = run_reduce(grid, reductions, reduced_size, kWhole, 1);
  check_states(reductions, reference, cdtest::evaluate_grid(grid, 2), reduced_size);
  for (int threads : {1, 2, 8}) {
    for (std::int64_t chunk : {std::int64_t{7}, std::int64_t{4099}, std::int64_t{65537}, kWhole}) {
      if (chunk == 7 && threads != 1) continue;  // a 7-point chunk runs on one thread
      const Reduced r = run_reduce(grid, reductions, reduced_size, chunk, threads);
      for (std::size_t j = 0; j < reductions.size(); ++j) {
        CHECK_EQ(r.nonfinite[j], reference.nonfinite[j]);
        const std::vector<double>& s = r.states[j];
        const std::vector<double>& t = reference.states[j];
        if (reductions[j].op == ReduceOp::Sum) {
          // Sums only differ by the reassociation of compensated partial sums.
          for (std::size_t k = 0; k < s.size(); k += 2)
            CHECK_CLOSE(s[k] + s[k + 1], t[k] + t[k + 1], 1e-15);
        } else {
          CHECK(std::equal(s.begin(), s.end(), t.begin(), t.end(), cdtest::same_value));
        }
      }
    }
  }
}

TEST_CASE(reduce_skips_and_counts_nonfinite_values) {
  // Cells by tokens; the last cell (1e300 tokens) overflows everywhere,
  // and every tenth point of the others has 1e300 parameters: 30 + 100 =
  // 130 non-finite FLOPs (inf) and implied MFUs (inf / inf = NaN).
  auto base = cdtest::dense_training();
  base.set("attention_flops", 0).set("n_gpus", 8);
  Grid<TrainKernel> grid(base, {4, 100});
  grid.vary("tokens", 0, {1e9, 1e10, 1e11, 1e300});
  std::vector<double> params = cdtest::log_spaced(1e8, 1e10, 100);
  for (std::size_t k = 0; k < params.size(); k += 10) params[k] = 1e300;
  grid.vary("params", 1, params);
  grid.vary("active_params", 1, params);
  const std::vector<Reduction> reductions = {
      make(TrainKernel::train_flops, ReduceOp::Min),
      make(TrainKernel::train_flops, ReduceOp::Max),
      make(TrainKernel::train_flops, ReduceOp::CountLE, 1e20),
      make(TrainKernel::train_flops, ReduceOp::Hist, 0.0, 17.0, 23.0, 12),
      make(TrainKernel::train_flops, ReduceOp::Sum),
      make(TrainKernel::implied_mfu, ReduceOp::Max),
      make(TrainKernel::implied_mfu, ReduceOp::CountLE, 0.75)};
  const auto evaluated = cdtest::evaluate_grid(grid, 1);
  for (std::int64_t chunk : {std::int64_t{1}, std::int64_t{7}, std::int64_t{50}, kWhole}) {
    const Reduced r = run_reduce(grid, reductions, 100, chunk, 2);
    for (std::int64_t n : r.nonfinite) CHECK_EQ(n, 130);
    check_states(reductions, r, evaluated, 100);
    // The overflowed cell: nothing finite, so the initial states.
    CHECK(r.states[0][6] == kInf && r.states[0][7] == -1.0);
    CHECK(r.states[1][6] == -kInf && r.states[1][7] == -1.0);
    CHECK_EQ(r.states[2][3], 0.0);
    for (std::size_t k = 3 * 14; k < 4 * 14; ++k) CHECK_EQ(r.states[3][k], 0.0);
    // 90 finite points of each other cell, all at 50% MFU.
    CHECK_EQ(r.states[6][0], 90.0);
    CHECK_CLOSE(r.states[5][0], 0.5, 1e-15);
  }
}

TEST_CASE(reduce_of_the_serving_kernel) {
  Grid<ServeKernel> grid(cdtest::serving_70b(), {3, 300});
  grid.vary("params", 0, {7e9, 7e10, 4e11});
  grid.vary("active_params", 0, {7e9, 7e10, 4e11});
  grid.vary("batch", 1, cdtest::log_spaced(1, 512, 300));
  const std::vector<Reduction> reductions = {
      make(ServeKernel::usd_per_mtok_rent, ReduceOp::Min),
      make(ServeKernel::tokens_per_s, ReduceOp::Max),
      make(ServeKernel::gpus_per_replica, ReduceOp::Max),
      make(ServeKernel::decode_step_s, ReduceOp::CountLE, 0.02),
      make(ServeKernel::kwh_per_mtok, ReduceOp::Hist, 0.0, -3.0, 3.0, 24),
      make(ServeKernel::monthly_cost_rent_usd, ReduceOp::Sum)};
  const auto evaluated = cdtest::evaluate_grid(grid, 1);
  for (std::int64_t chunk : {std::int64_t{7}, kWhole}) {
    for (int threads : {1, 8}) {
      check_states(reductions, run_reduce(grid, reductions, 300, chunk, threads), evaluated, 300);
    }
  }
}

TEST_CASE(reduce_of_empty_and_0d_grids) {
  const auto base = cdtest::dense_training();
  const std::vector<Reduction> reductions = {make(TrainKernel::train_flops, ReduceOp::Min),
                                             make(TrainKernel::gpu_hours, ReduceOp::Hist, 0.0,
                                                  0.0, 3.0, 3)};
  // No kept cells ({0, 5}, {0}): nothing to reduce, no state written, no
  // chunk run.
  for (const std::vector<std::int64_t>& shape :
       {std::vector<std::int64_t>{0, 5}, std::vector<std::int64_t>{0}}) {
    const Grid<TrainKernel> empty(base, shape);
    const Reduced r = run_reduce(empty, reductions, shape.back() == 0 ? 1 : shape.back(), 7, 2);
    for (std::int64_t n : r.nonfinite) CHECK_EQ(n, 0);
    for (const auto& state : r.states) CHECK(state == std::vector<double>{kUnwritten});
    CHECK(r.progress.empty());
  }
  // A reduced dimension of length 0: no point per cell, which reduce
  // refuses (reduced size must be >= 1 and divide the grid).
  const Grid<TrainKernel> no_points(base, {3, 0});
  CHECK_THROWS(std::invalid_argument, run_reduce(no_points, reductions, 0, 7, 1));

  // 0-d: one cell of one point.
  const Grid<TrainKernel> point(base, {});
  const Reduced r = run_reduce(point, reductions, 1, 7, 8);
  const auto alone = cdtest::evaluate_point(base);
  CHECK(r.states[0] == (std::vector<double>{alone["train_flops"], 0.0}));
  // 70.02 accelerator-hours: log10 1.845 of [0, 3) in 3 bins, bin 1.
  CHECK(r.states[1] == (std::vector<double>{0, 0, 1, 0, 0}));
  CHECK(r.progress == (std::vector<std::pair<std::int64_t, std::int64_t>>{{1, 1}}));
  CHECK_THROWS(std::invalid_argument, run_reduce(point, reductions, 2, 7, 1));
}

TEST_CASE(reduce_refuses_invalid_specs) {
  const Grid<TrainKernel> grid(cdtest::dense_training(), {2, 3});
  const int flops = TrainKernel::train_flops;
  const double nan = cdtest::kNaN;
  const std::vector<std::vector<Reduction>> refused = {
      {make(-1, ReduceOp::Min)},
      {make(static_cast<int>(TrainKernel::n_outputs), ReduceOp::Max)},
      {make(flops, ReduceOp::Hist, 0.0, 0.0, 3.0, 0)},
      {make(flops, ReduceOp::Hist, 0.0, 0.0, 3.0, -4)},
      {make(flops, ReduceOp::Hist, 0.0, 3.0, 3.0, 10)},
      {make(flops, ReduceOp::Hist, 0.0, 3.0, 1.0, 10)},
      {make(flops, ReduceOp::Hist, 0.0, nan, 3.0, 10)},
      {make(flops, ReduceOp::Hist, 0.0, 0.0, nan, 10)},
      // Edges at 10^-inf = 0 or 10^inf: no bin has a finite width in log10.
      {make(flops, ReduceOp::Hist, 0.0, -kInf, 3.0, 10)},
      {make(flops, ReduceOp::Hist, 0.0, 0.0, kInf, 10)},
      {make(flops, ReduceOp::Sum), make(flops, ReduceOp::Hist, 0.0, 1.0, 1.0, 1)}};
  for (const auto& reductions : refused)
    CHECK_THROWS(std::invalid_argument, run_reduce(grid, reductions, 3, 7, 1));

  const std::vector<Reduction> fine = {make(flops, ReduceOp::Sum)};
  // Reduced sizes that do not divide the 6 points; chunks of no point.
  for (std::int64_t reduced_size :
       {std::int64_t{0}, std::int64_t{-3}, std::int64_t{4}, std::int64_t{12}})
    CHECK_THROWS(std::invalid_argument, run_reduce(grid, fine, reduced_size, 7, 1));
  for (std::int64_t chunk : {std::int64_t{0}, std::int64_t{-5}})
    CHECK_THROWS(std::invalid_argument, run_reduce(grid, fine, 3, chunk, 1));

  // A state array per reduction, inputs of the kernel and of the grid's rank.
  std::vector<double> state(4, kUnwritten);
  const std::vector<double*> no_states;
  const std::function<void(std::int64_t, std::int64_t)> none;
  CHECK_THROWS(std::invalid_argument, cd::reduce<TrainKernel>(grid.shape, grid.inputs, fine, 3,
                                                               no_states, 7, 1, none));
  const std::vector<double*> states = {state.data()};
  auto fewer = grid.inputs;
  fewer.pop_back();
  CHECK_THROWS(std::invalid_argument,
               cd::reduce<TrainKernel>(grid.shape, fewer, fine, 3, states, 7, 1, none));
  auto wrong_rank = grid.inputs;
  wrong_rank[3].strides.push_back(0);
  CHECK_THROWS(std::invalid_argument,
               cd::reduce<TrainKernel>(grid.shape, wrong_rank, fine, 3, states, 7, 1, none));
  // Grids past int64, and cells of 2^53 points or more (counts in
  // doubles would no longer be exact).
  const std::int64_t half = std::int64_t{1} << 32;
  CHECK_THROWS(std::overflow_error,
               cd::reduce<TrainKernel>({half, half}, grid.inputs, fine, 1, states, 7, 1, none));
  const std::int64_t too_many = std::int64_t{1} << 53;
  CHECK_THROWS(std::overflow_error, cd::reduce<TrainKernel>({1, too_many}, grid.inputs, fine,
                                                            too_many, states, 7, 1, none));
  for (double v : state) CHECK_EQ(v, kUnwritten);
}

TEST_CASE(reduction_state_widths) {
  CHECK_EQ(make(0, ReduceOp::Sum).width(), 2);
  CHECK_EQ(make(0, ReduceOp::Min).width(), 2);
  CHECK_EQ(make(0, ReduceOp::Max).width(), 2);
  CHECK_EQ(make(0, ReduceOp::CountLE).width(), 1);
  CHECK_EQ(make(0, ReduceOp::Hist, 0.0, 0.0, 1.0, 10).width(), 12);
  // Under, INT_MAX bins and over: 2^31 + 1 values, past int.
  CHECK_EQ(make(0, ReduceOp::Hist, 0.0, 0.0, 1.0, INT_MAX).width(), std::int64_t{2147483649});
}

TEST_CASE(reduce_reports_progress_and_stops_when_told) {
  const Grid<TrainKernel> grid = grid_of_sizes({4, 2, 500});
  const std::vector<Reduction> reductions = {make(TrainKernel::gpu_hours, ReduceOp::Max)};
  Reduced r = run_reduce(grid, reductions, 1000, 1000, 2);
  CHECK(r.progress == (std::vector<std::pair<std::int64_t, std::int64_t>>{
                          {1000, 4000}, {2000, 4000}, {3000, 4000}, {4000, 4000}}));
  r = run_reduce(grid, reductions, 1000, 3000, 2);
  CHECK(r.progress == (std::vector<std::pair<std::int64_t, std::int64_t>>{{3000, 4000},
                                                                          {4000, 4000}}));
  // A callback that throws (as on Ctrl-C) stops the reduction after its
  // chunk, and the exception reaches the caller.
  std::vector<double> state(4 * 2, kUnwritten);
  const std::vector<double*> states = {state.data()};
  int calls = 0;
  const auto stop = [&calls](std::int64_t done, std::int64_t) {
    ++calls;
    if (done >= 2000) throw std::runtime_error("stop");
  };
  CHECK_THROWS(std::runtime_error, cd::reduce<TrainKernel>(grid.shape, grid.inputs, reductions,
                                                           1000, states, 1000, 2, stop));
  CHECK_EQ(calls, 2);
}

TEST_CASE(a_team_of_workers_folds_each_cell_as_the_driver_does) {
  // The CUDA kernel's plan, run here worker by worker: a cell's points are
  // cut into P parts (share_of), each part among W workers (share_of again);
  // each worker folds its share, merge_level() combines a part's workers
  // level by level, and the parts are then folded in order. The result must
  // be the driver's state: minima and maxima with their first index
  // (n_gpus_used ties a lot), counts and histograms exactly, sums to
  // reassociation. W = 32 leaves workers without points; W = 7 and P = 3
  // are not powers of 2.
  const Grid<TrainKernel> grid = grid_of_sizes({6, 5, 41});
  const auto evaluated = cdtest::evaluate_grid(grid, 1);
  const std::vector<Reduction> reductions = training_reductions();
  const int n = static_cast<int>(reductions.size());
  std::vector<int> offset(reductions.size());
  int width = 0;
  for (int j = 0; j < n; ++j) {
    offset[static_cast<std::size_t>(j)] = width;
    width += static_cast<int>(reductions[static_cast<std::size_t>(j)].width());
  }
  const auto at = [](auto& v, int k) -> decltype(v[0]) { return v[static_cast<std::size_t>(k)]; };
  for (std::int64_t reduced_size : {std::int64_t{205}, std::int64_t{41}}) {
    const Reduced driver = run_reduce(grid, reductions, reduced_size, kWhole, 1);
    const std::int64_t cells = grid.size() / reduced_size;
    for (int parts : {1, 3}) {
      for (int workers : {1, 7, 32, 256}) {
        for (std::int64_t cell = 0; cell < cells; ++cell) {
          std::vector<double> partials(static_cast<std::size_t>(parts * width));
          for (int p = 0; p < parts; ++p) {
            const cd::Share part = cd::share_of(reduced_size, parts, p);
            std::vector<double> team(static_cast<std::size_t>(workers * width));
            for (int t = 0; t < workers; ++t) {
              double* mine = team.data() + static_cast<std::ptrdiff_t>(t) * width;
              for (int j = 0; j < n; ++j) at(reductions, j).init(mine + at(offset, j));
              const cd::Share share = cd::share_of(part.end - part.begin, workers, t);
              for (std::int64_t r = part.begin + share.begin; r < part.begin + share.end; ++r)
                for (int j = 0; j < n; ++j) {
                  const Reduction& red = at(reductions, j);
                  const double x = evaluated.values[static_cast<std::size_t>(red.output)]
                                                   [static_cast<std::size_t>(cell * reduced_size + r)];
                  if (std::isfinite(x)) red.update(mine + at(offset, j), x, r);
                }
            }
            CHECK_EQ(cd::share_of(part.end - part.begin, workers, workers - 1).end,
                     part.end - part.begin);
            // Within a level the workers run at once on the GPU; here in
            // descending order, so that a worker read at the level where it
            // also merges (a race there) would be read merged and count twice.
            for (int step = 1; step < workers; step *= 2)
              for (int t = workers - 1; t >= 0; --t)
                cd::merge_level(reductions.data(), offset.data(), n, team.data(), width, workers,
                                t, step);
            std::copy(team.begin(), team.begin() + width, partials.begin() + p * width);
          }
          CHECK_EQ(cd::share_of(reduced_size, parts, parts - 1).end, reduced_size);
          for (int p = 1; p < parts; ++p)
            for (int j = 0; j < n; ++j)
              at(reductions, j).merge(partials.data() + at(offset, j),
                                      partials.data() + p * width + at(offset, j));
          for (int j = 0; j < n; ++j) {
            const Reduction& red = at(reductions, j);
            const double* got = partials.data() + at(offset, j);
            const double* want = at(driver.states, j).data() + cell * red.width();
            if (red.op == ReduceOp::Sum) {
              CHECK_CLOSE(got[0] + got[1], want[0] + want[1], 1e-15);
            } else {
              for (std::int64_t k = 0; k < red.width(); ++k) CHECK_SAME(got[k], want[k]);
            }
          }
        }
      }
    }
  }
}

namespace {

// The multi-index of `flat` in `shape`, by division, and its offset through
// `strides`: what GridCursor must reproduce without dividing.
std::vector<std::int64_t> index_by_division(const std::vector<std::int64_t>& shape,
                                            std::int64_t flat) {
  std::vector<std::int64_t> index(shape.size());
  for (std::size_t d = shape.size(); d-- > 0;) {
    index[d] = flat % shape[d];
    flat /= shape[d];
  }
  return index;
}

}  // namespace

TEST_CASE(a_grid_cursor_walks_the_flat_order_without_dividing) {
  // The CUDA kernels' cursor (reduction.hpp), run on the host: seek, next
  // (a reduction thread's walk) and add of a fixed step (an evaluating
  // thread's grid stride) give the multi-index that division gives, at every
  // point, including the wrap past the last point, dimensions of length 1,
  // the 8 dimensions of the CUDA path's limit and 0-d-like grids of one
  // point; offset() is the dot product with the strides (negative ones too).
  using Cursor = cd::GridCursor<8>;
  const std::vector<std::vector<std::int64_t>> shapes = {
      {6, 5, 41}, {1, 7, 1, 3}, {2, 3, 1, 2, 3, 2, 1, 4}, {1}, {1000}, {3, 1}};
  for (const auto& shape : shapes) {
    const int ndim = static_cast<int>(shape.size());
    std::int64_t size = 1;
    for (std::int64_t n : shape) size *= n;
    std::vector<std::int64_t> strides(shape.size());
    for (int d = 0; d < ndim; ++d) strides[static_cast<std::size_t>(d)] = d % 2 == 0 ? 3 * d + 1 : -(d + 2);
    const auto expect = [&](const Cursor& at, std::int64_t flat) {
      const auto want = index_by_division(shape, flat % size);
      std::int64_t offset = 0;
      for (int d = 0; d < ndim; ++d) {
        CHECK_EQ(at.index[d], want[static_cast<std::size_t>(d)]);
        offset += want[static_cast<std::size_t>(d)] * strides[static_cast<std::size_t>(d)];
      }
      CHECK_EQ(at.offset(strides.data(), ndim), offset);
    };
    for (std::int64_t first : {std::int64_t{0}, std::int64_t{1}, size / 2, size - 1}) {
      Cursor at;
      at.seek(shape.data(), ndim, first);
      expect(at, first);
      for (std::int64_t flat = first + 1; flat <= first + size; ++flat) {  // one full turn
        at.next(shape.data(), ndim);
        expect(at, flat);
      }
      for (std::int64_t step : {std::int64_t{1}, std::int64_t{3}, std::int64_t{7}, size - 1, size,
                                size + 5, std::int64_t{1} << 20}) {
        Cursor walker, digits;
        walker.seek(shape.data(), ndim, first);
        digits.seek(shape.data(), ndim, step);
        for (int k = 1; k <= 50; ++k) {
          walker.add(shape.data(), ndim, digits);
          expect(walker, (first + k * (step % size)) % size);
        }
      }
    }
  }
}
