// cd::evaluate over grids: shapes (0-d, empty), strides (zero, negative,
// gathered), threads, output groups, and the calls it refuses.
//
// The reference for a grid point is the same kernel evaluated on that
// point's inputs alone, as a 0-d grid: grid results must equal it bit for
// bit whatever the layout, the blocks, the staging of training rows or the
// threads (the core promises results that do not depend on how the work is
// cut).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

#include "check.hpp"
#include "scenarios.hpp"

namespace {

using cd::ServeKernel;
using cd::TrainKernel;
using cdtest::check_counts;
using cdtest::check_points_match_scenarios;
using cdtest::evaluate_grid;
using cdtest::evaluate_point;
using cdtest::Grid;
using cdtest::kUnwritten;

}  // namespace

TEST_CASE(zero_d_grid_is_one_point) {
  const auto base = cdtest::dense_training();
  const auto alone = evaluate_point(base);
  // Shape {} and shapes of one point, {1} and {1, 1}: the same results.
  for (const std::vector<std::int64_t>& shape :
       {std::vector<std::int64_t>{1}, std::vector<std::int64_t>{1, 1}}) {
    const Grid<TrainKernel> grid(base, shape);
    const auto out = evaluate_grid(grid, 1);
    for (std::size_t o = 0; o < TrainKernel::n_outputs; ++o)
      CHECK_SAME(out.values[o][0], alone.values[o]);
  }
  // A 0-d grid with more threads asked for than points: still one point.
  const auto threaded = evaluate_point(base, 8);
  for (std::size_t o = 0; o < TrainKernel::n_outputs; ++o)
    CHECK_SAME(threaded.values[o], alone.values[o]);
  CHECK_CLOSE(alone["train_flops"], 1.2603979776e20, 1e-13);
}

TEST_CASE(zero_length_dimension_leaves_outputs_untouched) {
  const std::int64_t big = std::int64_t{1} << 40;
  const std::vector<std::vector<std::int64_t>> shapes = {{0}, {3, 0, 5}, {0, big}, {big, 0}};
  for (const auto& shape : shapes) {
    CHECK_EQ(cd::grid_size(shape), 0);
    Grid<TrainKernel> train(cdtest::dense_training(), shape);
    std::vector<double> sentinel(TrainKernel::n_outputs, kUnwritten);
    std::vector<double*> outputs(TrainKernel::n_outputs);
    for (std::size_t o = 0; o < outputs.size(); ++o) outputs[o] = &sentinel[o];
    const auto counts = cd::evaluate<TrainKernel>(train.shape, train.inputs, outputs, 8);
    CHECK_EQ(counts.size(), TrainKernel::n_outputs);
    for (std::size_t o = 0; o < TrainKernel::n_outputs; ++o) {
      CHECK_EQ(counts[o], 0);
      CHECK_EQ(sentinel[o], kUnwritten);
    }
    Grid<ServeKernel> serve(cdtest::serving_70b(), shape);
    std::vector<double> serve_sentinel(ServeKernel::n_outputs, kUnwritten);
    std::vector<double*> serve_outputs(ServeKernel::n_outputs);
    for (std::size_t o = 0; o < serve_outputs.size(); ++o) serve_outputs[o] = &serve_sentinel[o];
    const auto serve_counts =
        cd::evaluate<ServeKernel>(serve.shape, serve.inputs, serve_outputs, 2);
    for (std::size_t o = 0; o < ServeKernel::n_outputs; ++o) {
      CHECK_EQ(serve_counts[o], 0);
      CHECK_EQ(serve_sentinel[o], kUnwritten);
    }
  }
}

TEST_CASE(zero_strides_broadcast_one_scenario) {
  // Every input constant (stride 0 along both dimensions): 3 x 200 copies
  // of the 0-d result.
  const auto base = cdtest::serving_70b();
  const Grid<ServeKernel> grid(base, {3, 200});
  const auto out = evaluate_grid(grid, 2);
  const auto alone = evaluate_point(base);
  for (std::size_t o = 0; o < ServeKernel::n_outputs; ++o)
    for (double v : out.values[o]) CHECK_SAME(v, alone.values[o]);
  CHECK_EQ(alone["replicas"], 69.0);
}

TEST_CASE(negative_and_gathered_strides_read_the_right_values) {
  // params runs backwards along dimension 0 (stride -1 from its last
  // value); tokens backwards with stride -2 along dimension 1 (a gather:
  // neither contiguous nor constant); mfu forwards with stride 3.
  const std::vector<double> params = {1e9, 2e9, 4e9, 8e9};
  std::vector<double> tokens(80), mfu(3 * 40);
  for (std::size_t k = 0; k < tokens.size(); ++k) tokens[k] = 1e10 * static_cast<double>(k + 1);
  for (std::size_t k = 0; k < mfu.size(); ++k) mfu[k] = 0.3 + 0.001 * static_cast<double>(k);
  auto base = cdtest::dense_training();
  base.set("attention_flops", 0);
  Grid<TrainKernel> grid(base, {4, 40});
  grid.place("params", params, 3, {-1, 0});
  grid.place("active_params", params, 3, {-1, 0});
  grid.place("tokens", tokens, 79, {0, -2});
  grid.place("mfu", mfu, 0, {0, 3});
  const auto out = evaluate_grid(grid, 1);
  const std::size_t flops = cdtest::output_index<TrainKernel>("train_flops");
  for (std::size_t i = 0; i < 4; ++i) {
    for (std::size_t j = 0; j < 40; ++j) {
      // By hand: 6 N D with N = params[3 - i], D = tokens[79 - 2 j].
      const double expected = 6.0 * params[3 - i] * tokens[79 - 2 * j];
      CHECK_EQ(out.values[flops][i * 40 + j], expected);
    }
  }
  check_points_match_scenarios(grid, out);
  check_counts(out);
}

TEST_CASE(every_grid_point_equals_its_own_scenario) {
  // Rows of 64 (>= the 32 of a staged row) that vary only site inputs: the
  // training kernel runs its compute stage once per row. Rows that vary
  // tokens run whole. Both must equal the point-by-point results, in
  // blocks of 128 and in a row of 300 (two full blocks and a remainder).
  const auto base = cdtest::dense_training();
  Grid<TrainKernel> staged(base, {3, 64});
  staged.vary("params", 0, {1e9, 7e9, 7e10});
  staged.vary("active_params", 0, {1e9, 7e9, 7e10});
  staged.vary("carbon_intensity_g_per_kwh", 1, cdtest::log_spaced(10, 900, 64));
  staged.vary("cloud_usd_per_gpu_hour", 1, cdtest::log_spaced(0.5, 8, 64));
  auto out = evaluate_grid(staged, 1);
  check_points_match_scenarios(staged, out);
  check_counts(out);

  Grid<TrainKernel> whole(base, {2, 300});
  whole.vary("mfu", 0, {0.3, 0.45});
  whole.vary("tokens", 1, cdtest::log_spaced(1e9, 1e13, 300));
  out = evaluate_grid(whole, 1);
  check_points_match_scenarios(whole, out);
  check_counts(out);

  Grid<ServeKernel> serve(cdtest::serving_70b(), {3, 130});
  serve.vary("params", 0, {7e9, 7e10, 4e11});
  serve.vary("batch", 1, cdtest::log_spaced(1, 512, 130));
  const auto served = evaluate_grid(serve, 1);
  check_points_match_scenarios(serve, served);
  check_counts(served);
}

TEST_CASE(thread_counts_give_bit_identical_outputs) {
  // 5 x 7 x 4099 = 143465 points: enough for 8 threads (16384 points
  // each at least), and thread ranges that start and end inside rows and
  // blocks. Two layouts: tokens along the rows (whole rows), and carbon
  // intensity along them (staged rows).
  auto base = cdtest::dense_training();
  for (int layout = 0; layout < 2; ++layout) {
    Grid<TrainKernel> grid(base, {5, 7, 4099});
    grid.vary("params", 0, cdtest::log_spaced(1e8, 1e11, 5));
    grid.vary("active_params", 0, cdtest::log_spaced(1e8, 1e11, 5));
    grid.vary("mfu", 1, {0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6});
    if (layout == 0)
      grid.vary("tokens", 2, cdtest::log_spaced(1e9, 1e13, 4099));
    else
      grid.vary("carbon_intensity_g_per_kwh", 2, cdtest::log_spaced(10, 900, 4099));
    const auto one = evaluate_grid(grid, 1);
    check_counts(one);
    for (int threads : {2, 8}) {
      const auto many = evaluate_grid(grid, threads);
      int mismatches = 0;
      for (std::size_t o = 0; o < TrainKernel::n_outputs; ++o) {
        CHECK_EQ(many.nonfinite[o], one.nonfinite[o]);
        for (std::size_t k = 0; k < one.values[o].size() && mismatches < 5; ++k) {
          if (!cdtest::same_value(many.values[o][k], one.values[o][k])) {
            ++mismatches;
            CHECK_SAME(many.values[o][k], one.values[o][k]);
          }
        }
      }
      CHECK_EQ(mismatches, 0);
    }
    check_points_match_scenarios(grid, one, 1009);
  }

  Grid<ServeKernel> serve(cdtest::serving_70b(), {40, 4099});
  serve.vary("params", 0, cdtest::log_spaced(1e9, 1e12, 40));
  serve.vary("users", 1, cdtest::log_spaced(1e3, 1e9, 4099));
  const auto one = evaluate_grid(serve, 1);
  for (int threads : {2, 8}) {
    const auto many = evaluate_grid(serve, threads);
    for (std::size_t o = 0; o < ServeKernel::n_outputs; ++o) {
      CHECK_EQ(many.nonfinite[o], one.nonfinite[o]);
      CHECK(std::equal(many.values[o].begin(), many.values[o].end(), one.values[o].begin(),
                       cdtest::same_value));
    }
  }
}

TEST_CASE(requested_outputs_alone_equal_the_full_evaluation) {
  // Output groups: asking for one output computes only its group; the
  // value must be the one the full evaluation gives, and nothing else is
  // written.
  Grid<TrainKernel> grid(cdtest::dense_training(), {3, 150});
  grid.vary("tokens", 1, cdtest::log_spaced(1e9, 1e13, 150));
  grid.vary("pue", 0, {1.1, 1.2, 1.5});
  const auto full = evaluate_grid(grid, 1);
  const auto size = static_cast<std::size_t>(grid.size());
  for (std::size_t wanted = 0; wanted < TrainKernel::n_outputs; ++wanted) {
    std::vector<double> alone(size, kUnwritten);
    std::vector<double*> outputs(TrainKernel::n_outputs, nullptr);
    outputs[wanted] = alone.data();
    const auto counts = cd::evaluate<TrainKernel>(grid.shape, grid.inputs, outputs, 1);
    for (std::size_t k = 0; k < size; ++k) CHECK_SAME(alone[k], full.values[wanted][k]);
    for (std::size_t o = 0; o < TrainKernel::n_outputs; ++o)
      CHECK_EQ(counts[o], o == wanted ? full.nonfinite[o] : 0);
  }
  // No output wanted: nothing computed, nothing counted.
  const std::vector<double*> none(TrainKernel::n_outputs, nullptr);
  for (std::int64_t count : cd::evaluate<TrainKernel>(grid.shape, grid.inputs, none, 2))
    CHECK_EQ(count, 0);
}

TEST_CASE(grid_size_of_shapes) {
  using Shape = std::vector<std::int64_t>;
  const std::int64_t max = std::numeric_limits<std::int64_t>::max();
  CHECK_EQ(cd::grid_size(Shape{}), 1);
  CHECK_EQ(cd::grid_size(Shape{0}), 0);
  CHECK_EQ(cd::grid_size(Shape{7}), 7);
  CHECK_EQ(cd::grid_size(Shape{3, 0, 5}), 0);
  CHECK_EQ(cd::grid_size(Shape{2, 3, 4}), 24);
  CHECK_EQ(cd::grid_size(Shape{max}), max);
  CHECK_EQ(cd::grid_size(Shape{1, max, 1}), max);
  // 3037000499^2 = 9223372030926249001 < 2^63 - 1 < 3037000500^2.
  CHECK_EQ(cd::grid_size(Shape{3037000499, 3037000499}), std::int64_t{9223372030926249001});
  CHECK_THROWS(std::overflow_error, cd::grid_size(Shape{3037000500, 3037000500}));
  // 2^32 * 2^31 = 2^63, one past the largest int64.
  const std::int64_t two_31 = std::int64_t{1} << 31;
  CHECK_THROWS(std::overflow_error, cd::grid_size(Shape{2 * two_31, two_31}));
  CHECK_THROWS(std::overflow_error, cd::grid_size(Shape{max, 2}));
  CHECK_THROWS(std::overflow_error, cd::grid_size(Shape{2, 2, max / 2}));
  CHECK_THROWS(std::invalid_argument, cd::grid_size(Shape{-1}));
  CHECK_THROWS(std::invalid_argument, cd::grid_size(Shape{2, -3}));
  CHECK_THROWS(std::invalid_argument, cd::grid_size(Shape{0, -3}));
}

TEST_CASE(grid_size_does_not_depend_on_the_order_of_dimensions) {
  // As NumPy: the extents other than 0 must have a product within int64,
  // wherever a 0 stands (NumPy refuses such shapes as "too big" too).
  using Shape = std::vector<std::int64_t>;
  const std::int64_t big = std::int64_t{1} << 40;
  CHECK_THROWS(std::overflow_error, cd::grid_size(Shape{0, big, big}));
  CHECK_THROWS(std::overflow_error, cd::grid_size(Shape{big, 0, big}));
  CHECK_THROWS(std::overflow_error, cd::grid_size(Shape{big, big, 0}));
  CHECK_EQ(cd::grid_size(Shape{0, big, 1 << 20}), 0);
  CHECK_EQ(cd::grid_size(Shape{big, 1 << 20, 0}), 0);
}

TEST_CASE(evaluate_refuses_malformed_calls) {
  const Grid<TrainKernel> grid(cdtest::dense_training(), {2, 3});
  std::vector<double> buffer(6, kUnwritten);
  std::vector<double*> outputs(TrainKernel::n_outputs, nullptr);
  outputs[0] = buffer.data();

  auto fewer_inputs = grid.inputs;
  fewer_inputs.pop_back();
  CHECK_THROWS(std::invalid_argument,
               cd::evaluate<TrainKernel>(grid.shape, fewer_inputs, outputs, 1));
  auto more_outputs = outputs;
  more_outputs.push_back(nullptr);
  CHECK_THROWS(std::invalid_argument,
               cd::evaluate<TrainKernel>(grid.shape, grid.inputs, more_outputs, 1));
  auto wrong_rank = grid.inputs;
  wrong_rank[5].strides = {0};
  CHECK_THROWS(std::invalid_argument,
               cd::evaluate<TrainKernel>(grid.shape, wrong_rank, outputs, 1));
  auto no_data = grid.inputs;
  no_data[0].data = nullptr;
  CHECK_THROWS(std::invalid_argument, cd::evaluate<TrainKernel>(grid.shape, no_data, outputs, 1));
  // A 0-d grid takes inputs of rank 0 only.
  CHECK_THROWS(std::invalid_argument, cd::evaluate<TrainKernel>({}, grid.inputs, outputs, 1));
  CHECK_THROWS(std::invalid_argument,
               cd::evaluate<TrainKernel>({2, -3}, grid.inputs, outputs, 1));
  const std::int64_t half = std::int64_t{1} << 32;
  CHECK_THROWS(std::overflow_error,
               cd::evaluate<TrainKernel>({half, half}, grid.inputs, outputs, 1));
  // Refused before anything was written.
  for (double v : buffer) CHECK_EQ(v, kUnwritten);
}

TEST_CASE(float32_outputs_are_the_float64_results_rounded) {
  // tokens from 1e9 to 1e33 along 37 columns, mfu along 3 rows: the last
  // columns' FLOPs (6 x 1e9 x D, plus attention) pass float32's 3.4e38 but
  // stay finite in float64. Odd extents start thread ranges off the 16-byte
  // alignment of the non-temporal float stores.
  std::vector<double> tokens(37);
  for (std::size_t k = 0; k < tokens.size(); ++k)
    tokens[k] = std::pow(10.0, 9.0 + 24.0 * static_cast<double>(k) / 36.0);
  Grid<TrainKernel> grid(cdtest::dense_training(), {3, 37});
  grid.vary("tokens", 1, tokens).vary("mfu", 0, {0.3, 0.4, 0.5});
  const auto wide = evaluate_grid(grid, 1);
  const auto size = static_cast<std::size_t>(grid.size());
  const std::size_t flops = cdtest::output_index<TrainKernel>("train_flops");
  CHECK_EQ(wide.nonfinite[flops], 0);
  std::int64_t beyond_float = 0;
  for (std::size_t k = 0; k < size; ++k)
    beyond_float += std::isinf(static_cast<float>(wide.values[flops][k])) ? 1 : 0;
  CHECK_EQ(beyond_float, 3 * 7);  // D >= 10^(9 + 24 * 30/36) = 1e29: 7 columns a row
  for (int threads : {1, 3, 8}) {
    std::vector<std::vector<float>> narrow(TrainKernel::n_outputs, std::vector<float>(size, -1.0f));
    std::vector<float*> pointers(TrainKernel::n_outputs);
    for (std::size_t o = 0; o < pointers.size(); ++o) pointers[o] = narrow[o].data();
    const auto counts = cd::evaluate<TrainKernel>(grid.shape, grid.inputs, pointers, threads);
    for (std::size_t o = 0; o < TrainKernel::n_outputs; ++o) {
      std::int64_t expected = 0;
      for (std::size_t k = 0; k < size; ++k) {
        const float rounded = static_cast<float>(wide.values[o][k]);
        CHECK_SAME(narrow[o][k], rounded);
        expected += std::isfinite(rounded) ? 0 : 1;
      }
      CHECK_EQ(counts[o], expected);
    }
    CHECK_EQ(counts[flops], beyond_float);
  }
}
