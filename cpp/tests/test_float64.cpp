// The edges of float64: denormal inputs, overflow to infinity, and every
// kernel input set to each extreme value in turn. The core must neither
// crash nor run into undefined behaviour (the sanitizer build checks), and
// the non-finite counts it reports must be those of its outputs.
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "check.hpp"
#include "scenarios.hpp"

namespace {

using cd::TrainKernel;
using cdtest::evaluate_grid;
using cdtest::evaluate_point;
using cdtest::Grid;
using cdtest::kInf;
using cdtest::Point;

constexpr double kTiny = std::numeric_limits<double>::denorm_min();  // 2^-1074

// The grid {inputs, extremes}: point (i, x) is the base scenario with input
// i set to extremes[x]. Every output of every point must match the point
// evaluated alone, and the counts must match the outputs.
template <class K>
void sweep_extremes(const Point<K>& base) {
  const std::vector<double> extremes = {
      0.0, -0.0, kTiny, 1e-300, DBL_MIN, -1.0, 0.5, 1e300, DBL_MAX, -DBL_MAX,
      kInf, -kInf, cdtest::kNaN};
  const auto n_inputs = static_cast<std::int64_t>(K::n_inputs);
  const auto n_extremes = static_cast<std::int64_t>(extremes.size());
  Grid<K> grid(base, {n_inputs, n_extremes});
  for (std::size_t i = 0; i < K::n_inputs; ++i) {
    std::vector<double> values(K::n_inputs * extremes.size(), base.values[i]);
    for (std::size_t x = 0; x < extremes.size(); ++x) values[i * extremes.size() + x] = extremes[x];
    grid.place(K::input_names[i], values, 0, {n_extremes, 1});
  }
  const auto out = evaluate_grid(grid, 2);
  cdtest::check_counts(out);
  cdtest::check_points_match_scenarios(grid, out);
}

// Every input 1: the small kernels have no scenario of their own here.
template <class K>
Point<K> all_ones() {
  Point<K> p;
  for (double& v : p.values) v = 1.0;
  return p;
}

}  // namespace

TEST_CASE(denormal_inputs_give_exact_denormal_results) {
  Point<TrainKernel> in = cdtest::dense_training();
  in.set("params", kTiny).set("active_params", kTiny).set("tokens", 1);
  in.set("attention_flops", 0).set("activation_recompute", 1).set("n_gpus", 8);
  in.set("activation_gb", 0);
  const auto out = evaluate_point(in);
  // 6 N D = 6 * 2^-1074, exactly: a denormal, not flushed to zero.
  CHECK_EQ(out["train_flops"], 0x6p-1074);
  CHECK_EQ(std::fpclassify(out["train_flops"]), FP_SUBNORMAL);
  // With recomputation + 2 N D: 8 * 2^-1074.
  CHECK_EQ(out["hardware_flops"], 0x8p-1074);
  // 6 * 2^-1074 / 5e14 underflows to 0 accelerator-hours; the implied MFU,
  // C / (peak * 0), is +inf: the one non-finite output.
  CHECK_EQ(out["gpu_hours"], 0.0);
  CHECK_EQ(out["implied_mfu"], kInf);
  for (std::size_t o = 0; o < TrainKernel::n_outputs; ++o)
    CHECK_EQ(out.nonfinite[o], o == std::size_t{TrainKernel::implied_mfu} ? 1 : 0);
  // State 16 * 2^-1074 B underflows to 0 accelerators: at least one.
  CHECK_EQ(out["min_gpus_memory"], 1.0);
  CHECK_EQ(out["wall_days"], 0.0);
  CHECK_EQ(out["cost_rent_usd"], 0.0);
  CHECK_EQ(out["capex_usd"], 360000.0);  // 8 * 30000 * 1.5

  // The same in the vector loops (of every instruction set built): tokens
  // 1..300, so 6 * 2^-1074 * D = (6 D) * 2^-1074, all denormal.
  Grid<TrainKernel> grid(in, {300});
  std::vector<double> tokens(300);
  for (std::size_t k = 0; k < tokens.size(); ++k) tokens[k] = static_cast<double>(k + 1);
  grid.vary("tokens", 0, tokens);
  const auto many = evaluate_grid(grid, 1);
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    const double flops = many.values[TrainKernel::train_flops][k];
    CHECK_EQ(flops, std::ldexp(6.0 * tokens[k], -1074));
    CHECK_EQ(std::fpclassify(flops), FP_SUBNORMAL);
  }
  CHECK_EQ(many.nonfinite[TrainKernel::implied_mfu], 300);
  CHECK_EQ(many.nonfinite[TrainKernel::train_flops], 0);

  // A denormal MFU: 1.26e20 / (1e15 * 2^-1074) overflows, the time is
  // +inf and said to be.
  Point<TrainKernel> slow = cdtest::dense_training();
  slow.set("mfu", kTiny).set("n_gpus", 8);
  const auto stalled = evaluate_point(slow);
  CHECK_EQ(stalled["gpu_hours"], kInf);
  CHECK_EQ(stalled.nonfinite_of("gpu_hours"), 1);
  CHECK_EQ(stalled.nonfinite_of("train_flops"), 0);
}

TEST_CASE(huge_parameter_counts_overflow_to_inf_and_are_counted) {
  Point<TrainKernel> in = cdtest::dense_training();
  in.set("params", 1e300).set("active_params", 1e300).set("attention_flops", 0);
  in.set("n_gpus", 8);
  Grid<TrainKernel> grid(in, {1000});
  grid.vary("tokens", 0, cdtest::log_spaced(1e9, 1e13, 1000));
  const auto out = evaluate_grid(grid, 2);
  // 6 * 1e300 * D > DBL_MAX (1.8e308) for every D >= 1e9: the FLOPs are
  // +inf, and so is everything computed from them; the implied MFU is
  // inf / inf = NaN.
  const std::vector<std::string> overflowed = {
      "train_flops", "hardware_flops", "gpu_hours",      "implied_mfu",
      "wall_days",   "energy_kwh",     "co2_kg",         "co2_embodied_kg",
      "water_l",     "cost_rent_usd",  "cost_own_usd"};
  for (std::size_t o = 0; o < TrainKernel::n_outputs; ++o) {
    bool expected_overflow = false;
    for (const std::string& name : overflowed)
      expected_overflow = expected_overflow || name == TrainKernel::output_names[o];
    CHECK_EQ(out.nonfinite[o], expected_overflow ? 1000 : 0);
  }
  cdtest::check_counts(out);
  CHECK_EQ(out.values[TrainKernel::train_flops][0], kInf);
  CHECK_EQ(out.values[TrainKernel::cost_rent_usd][999], kInf);
  CHECK(std::isnan(out.values[TrainKernel::implied_mfu][500]));
  // What does not depend on the FLOPs stays finite: 8 accelerators given,
  // 1e300 * 16 B / 6.4e10 B = 2.5e290 needed (not held), capital
  // 8 * 30000 * 1.5.
  CHECK_EQ(out.values[TrainKernel::n_gpus_used][0], 8.0);
  CHECK_CLOSE(out.values[TrainKernel::min_gpus_memory][0], 2.5e290, 1e-15);
  CHECK_EQ(out.values[TrainKernel::fits_memory][0], 0.0);
  CHECK_EQ(out.values[TrainKernel::capex_usd][0], 360000.0);

  // Sized for the budget instead: max_nan(ceil(inf s / 1 day), 2.5e290)
  // is NaN (max_nan gives NaN for an infinite first operand, so that no
  // bound hides a non-finite value), and so are the days and the capital.
  in.set("n_gpus", 0);
  const auto sized = evaluate_point(in);
  CHECK(std::isnan(sized["n_gpus_used"]));
  CHECK(std::isnan(sized["wall_days"]));
  CHECK(std::isnan(sized["capex_usd"]));
  CHECK_EQ(sized.nonfinite_of("capex_usd"), 1);
  CHECK_EQ(sized.nonfinite_of("min_gpus_memory"), 0);
}

TEST_CASE(extreme_inputs_of_every_kernel_are_safe_and_counted) {
  sweep_extremes(cdtest::dense_training());
  sweep_extremes(cdtest::serving_70b());
  sweep_extremes(all_ones<cd::AffordKernel>());
  sweep_extremes(all_ones<cd::AccessKernel>());
  sweep_extremes(all_ones<cd::DevelopKernel>());

  // The searching kernels: extreme budgets and ranges must end the search
  // (at most 200 bisection steps), whatever the inputs.
  const Point<TrainKernel> train = cdtest::dense_training();
  Point<cd::LargestTrainKernel> largest_train;
  for (const char* name : TrainKernel::input_names) largest_train.set(name, train.get(name));
  largest_train.set("budget", 1e6)
      .set("budget_output", TrainKernel::cost_rent_usd)
      .set("active_share", 1)
      .set("params_min", 1e6)
      .set("params_max", 1e13)
      .set("tokens_per_param", 20)
      .set("mfu_size_exponent", -0.1)
      .set("mfu_reference_params", 1e9);
  sweep_extremes(largest_train);
  const Point<cd::ServeKernel> serve = cdtest::serving_70b();
  Point<cd::LargestServeKernel> largest_serve;
  for (const char* name : cd::ServeKernel::input_names) largest_serve.set(name, serve.get(name));
  largest_serve.set("budget", 1.0)
      .set("budget_output", cd::ServeKernel::usd_per_mtok_rent)
      .set("active_share", 0.25)
      .set("params_min", 1e9)
      .set("params_max", 1e12);
  sweep_extremes(largest_serve);
}

TEST_CASE(the_output_copy_counts_what_it_copies) {
  // cd::stream_out: the copy of a block's column to an output with
  // streaming stores, and its non-finite count from the same loads. Every
  // length up to past the vector loops, destinations off 16-byte alignment
  // (the first double copied alone), and a NaN, +inf or -inf at each
  // position in turn, or none: the copy is bit for bit, the count exact.
  const double specials[] = {std::nan(""), kInf, -kInf};
  alignas(64) double from[41];
  alignas(64) double to[42];
  for (std::int64_t n = 0; n <= 40; ++n) {
    for (int shift = 0; shift < 2; ++shift) {
      for (std::int64_t bad_at = -1; bad_at < n; ++bad_at) {
        for (double special : specials) {
          for (std::int64_t k = 0; k < n; ++k) from[k] = k == bad_at ? special : 1.5 * double(k) - 7.0;
          for (double& x : to) x = -0.25;
          const std::int64_t count = cd::stream_out(to + shift, from, n);
          cd::detail::stream_fence();
          CHECK_EQ(count, bad_at >= 0 ? std::int64_t{1} : std::int64_t{0});
          for (std::int64_t k = 0; k < n; ++k) CHECK_SAME(to[shift + k], from[k]);
          CHECK_SAME(to[shift + n], -0.25);  // nothing past the end
          if (shift == 1) CHECK_SAME(to[0], -0.25);
          if (bad_at < 0) break;  // one pass is enough without a special value
        }
      }
    }
  }
}

TEST_CASE(the_float_output_copy_rounds_and_counts_what_it_copies) {
  // cd::stream_out into floats: each double rounded to nearest (as
  // static_cast<float>), past float's range to +-inf, which counts as not
  // finite; every length past the vector loop, destinations at each of the
  // four float positions of a 16-byte line, a special value at each place.
  const double specials[] = {std::nan(""), kInf, -kInf, 1e39, -3.5e38};
  alignas(64) double from[41];
  alignas(64) float to[45];
  for (std::int64_t n = 0; n <= 40; ++n) {
    for (int shift = 0; shift < 4; ++shift) {
      for (std::int64_t bad_at = -1; bad_at < n; ++bad_at) {
        for (double special : specials) {
          for (std::int64_t k = 0; k < n; ++k)
            from[k] = k == bad_at ? special : 1.0 / 3.0 * double(k) - 4.1;
          for (float& x : to) x = -0.25f;
          const std::int64_t count = cd::stream_out(to + shift, from, n);
          cd::detail::stream_fence();
          CHECK_EQ(count, bad_at >= 0 ? std::int64_t{1} : std::int64_t{0});
          for (std::int64_t k = 0; k < n; ++k) {
            const float want = static_cast<float>(from[k]);
            CHECK(std::memcmp(&to[shift + k], &want, sizeof want) == 0 ||
                  (std::isnan(want) && std::isnan(to[shift + k])));
          }
          CHECK(to[shift + n] == -0.25f);  // nothing past the end
          for (int k = 0; k < shift; ++k) CHECK(to[k] == -0.25f);
          if (bad_at < 0) break;
        }
      }
    }
  }
}

namespace {

// What a sequential scan gives: the least (or greatest) of x[0..n), the
// first index that attains it, how many are <= threshold, and whether all
// are finite.
struct SequentialScan {
  double value;
  std::int64_t index;
  std::int64_t count;
  bool finite;
};

SequentialScan scan_in_order(const double* x, std::int64_t n, bool least, double threshold) {
  SequentialScan s{x[0], 0, 0, true};
  for (std::int64_t k = 0; k < n; ++k) {
    if (least ? x[k] < s.value : x[k] > s.value) {
      s.value = x[k];
      s.index = k;
    }
    s.count += x[k] <= threshold ? 1 : 0;
    s.finite = s.finite && std::isfinite(x[k]);
  }
  return s;
}

}  // namespace

TEST_CASE(the_extreme_scans_match_a_sequential_scan) {
  // cd::column_min / column_max and their _count forms: four vector
  // accumulators with their lanes' indices, then one vector at a time,
  // then scalars. Every length up to past three turns of the four-vector
  // loop and the sink's gathered cells (125, 1000, 1024); values with ties
  // (a few distinct values, both zeros among them) so that the first
  // attaining index is tested in every lane; a NaN or an infinity at each
  // position in turn must make the scan not finite.
  std::vector<std::int64_t> lengths;
  for (std::int64_t n = 1; n <= 70; ++n) lengths.push_back(n);
  for (std::int64_t n : {125, 1000, 1024}) lengths.push_back(n);
  const double levels[] = {3.0, -1.5, 0.0, -0.0, 2.25, -1.5, 7.0};
  std::vector<double> x;
  for (std::int64_t n : lengths) {
    for (int pattern = 0; pattern < 5; ++pattern) {
      x.assign(static_cast<std::size_t>(n), 0.0);
      for (std::int64_t k = 0; k < n; ++k)
        x[static_cast<std::size_t>(k)] = levels[(k * (2 * pattern + 3) + pattern * k * k) % 7];
      for (bool least : {true, false}) {
        const double threshold = 0.0;
        const SequentialScan want = scan_in_order(x.data(), n, least, threshold);
        const cd::ExtremeScan plain =
            least ? cd::column_min(x.data(), n) : cd::column_max(x.data(), n);
        const cd::ExtremeScan counted = least ? cd::column_min_count(x.data(), n, threshold)
                                              : cd::column_max_count(x.data(), n, threshold);
        for (const cd::ExtremeScan& got : {plain, counted}) {
          CHECK(got.finite);
          CHECK_EQ(got.index, want.index);
          CHECK_SAME(got.value, x[static_cast<std::size_t>(want.index)]);
        }
        CHECK_EQ(counted.count, static_cast<double>(want.count));
      }
    }
    // A value that is not finite anywhere: the scans say so (and stay in range).
    for (std::int64_t bad_at = 0; bad_at < n; bad_at += (n > 70 ? 37 : 1)) {
      for (double special : {std::nan(""), kInf, -kInf}) {
        for (std::int64_t k = 0; k < n; ++k) x[static_cast<std::size_t>(k)] = 0.5 * double(k % 11);
        x[static_cast<std::size_t>(bad_at)] = special;
        for (const cd::ExtremeScan& got :
             {cd::column_min(x.data(), n), cd::column_max(x.data(), n),
              cd::column_min_count(x.data(), n, 1.0), cd::column_max_count(x.data(), n, 1.0)}) {
          CHECK(!got.finite);
          CHECK(got.index >= 0 && got.index < n);
        }
      }
    }
  }
}
