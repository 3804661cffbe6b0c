// Scenarios and grids for the core's tests: inputs set by name (the names
// of metrics.hpp), grids built from them, and the evaluations the tests
// compare.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "check.hpp"
#include "computedivide/grid.hpp"
#include "computedivide/reduce.hpp"

namespace cdtest {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
inline constexpr double kInf = std::numeric_limits<double>::infinity();
// Written into output buffers before a call, to see what the call wrote.
inline constexpr double kUnwritten = -12345.678;

template <class K>
std::size_t input_index(const std::string& name) {
  for (std::size_t i = 0; i < K::n_inputs; ++i)
    if (name == K::input_names[i]) return i;
  throw std::logic_error("no kernel input named " + name);
}

template <class K>
std::size_t output_index(const std::string& name) {
  for (std::size_t o = 0; o < K::n_outputs; ++o)
    if (name == K::output_names[o]) return o;
  throw std::logic_error("no kernel output named " + name);
}

// One scenario: a value per kernel input. Inputs left unset are NaN, so a
// forgotten one shows up as NaN results rather than as a plausible number.
template <class K>
struct Point {
  std::vector<double> values = std::vector<double>(K::n_inputs, kNaN);

  Point& set(const std::string& name, double value) {
    values[input_index<K>(name)] = value;
    return *this;
  }
  double get(const std::string& name) const { return values[input_index<K>(name)]; }
};

// Every output of one scenario, and the non-finite counts evaluate reported.
template <class K>
struct Result {
  std::vector<double> values;
  std::vector<std::int64_t> nonfinite;

  double operator[](const std::string& name) const { return values[output_index<K>(name)]; }
  std::int64_t nonfinite_of(const std::string& name) const {
    return nonfinite[output_index<K>(name)];
  }
};

// One scenario as a 0-d grid (shape {}, no strides).
template <class K>
Result<K> evaluate_point(const Point<K>& point, int n_threads = 1) {
  std::vector<cd::StridedInput> inputs(K::n_inputs);
  for (std::size_t i = 0; i < K::n_inputs; ++i) inputs[i].data = &point.values[i];
  Result<K> result;
  result.values.assign(K::n_outputs, kUnwritten);
  std::vector<double*> outputs(K::n_outputs);
  for (std::size_t o = 0; o < K::n_outputs; ++o) outputs[o] = &result.values[o];
  result.nonfinite = cd::evaluate<K>({}, inputs, outputs, n_threads);
  return result;
}

// A grid: its shape and, per input, the values and strides the core reads.
// Every input starts as the base scenario's constant (stride 0 everywhere).
template <class K>
struct Grid {
  std::vector<std::int64_t> shape;
  std::vector<std::vector<double>> storage;  // per input: the values it points into
  std::vector<cd::StridedInput> inputs;

  Grid(const Point<K>& base, std::vector<std::int64_t> shape_)
      : shape(std::move(shape_)), storage(K::n_inputs), inputs(K::n_inputs) {
    for (std::size_t i = 0; i < K::n_inputs; ++i) {
      storage[i] = {base.values[i]};
      inputs[i].data = storage[i].data();
      inputs[i].strides.assign(shape.size(), 0);
    }
  }

  // Input `name` takes values[k] at index k of dimension `dim`.
  Grid& vary(const std::string& name, std::size_t dim, std::vector<double> values) {
    if (static_cast<std::int64_t>(values.size()) != shape.at(dim))
      throw std::logic_error("one value per index of the dimension");
    std::vector<std::ptrdiff_t> strides(shape.size(), 0);
    strides[dim] = 1;
    return place(name, std::move(values), 0, std::move(strides));
  }

  // Input `name` reads values[offset + sum(index[d] * strides[d])].
  Grid& place(const std::string& name, std::vector<double> values, std::ptrdiff_t offset,
              std::vector<std::ptrdiff_t> strides) {
    const std::size_t i = input_index<K>(name);
    storage[i] = std::move(values);
    inputs[i].data = storage[i].data() + offset;
    inputs[i].strides = std::move(strides);
    return *this;
  }

  std::int64_t size() const { return cd::grid_size(shape); }

  // The inputs of the point at flat (C-order) index `flat`.
  Point<K> point_at(std::int64_t flat) const {
    std::vector<std::int64_t> index(shape.size());
    for (std::size_t d = shape.size(); d-- > 0;) {
      index[d] = flat % shape[d];
      flat /= shape[d];
    }
    Point<K> point;
    for (std::size_t i = 0; i < K::n_inputs; ++i) {
      std::ptrdiff_t offset = 0;
      for (std::size_t d = 0; d < shape.size(); ++d)
        offset += static_cast<std::ptrdiff_t>(index[d]) * inputs[i].strides[d];
      point.values[i] = inputs[i].data[offset];
    }
    return point;
  }
};

// Every output of a grid, each a dense C-ordered array.
struct GridOutputs {
  std::vector<std::vector<double>> values;
  std::vector<std::int64_t> nonfinite;
};

template <class K>
GridOutputs evaluate_grid(const Grid<K>& grid, int n_threads) {
  const auto size = static_cast<std::size_t>(grid.size());
  GridOutputs out;
  out.values.assign(K::n_outputs, std::vector<double>(size, kUnwritten));
  std::vector<double*> pointers(K::n_outputs);
  for (std::size_t o = 0; o < K::n_outputs; ++o) pointers[o] = out.values[o].data();
  out.nonfinite = cd::evaluate<K>(grid.shape, grid.inputs, pointers, n_threads);
  return out;
}

// Every output of every point (every `step`-th point) of `grid` equals the
// 0-d evaluation of that point's inputs.
template <class K>
void check_points_match_scenarios(const Grid<K>& grid, const GridOutputs& out,
                                  std::int64_t step = 1) {
  int mismatches = 0;
  for (std::int64_t flat = 0; flat < grid.size() && mismatches < 5; flat += step) {
    const auto alone = evaluate_point(grid.point_at(flat));
    for (std::size_t o = 0; o < K::n_outputs; ++o) {
      const double at = out.values[o][static_cast<std::size_t>(flat)];
      if (!cdtest::same_value(at, alone.values[o])) {
        ++mismatches;
        CHECK_SAME(at, alone.values[o]);
      }
    }
  }
  CHECK_EQ(mismatches, 0);
}

// The non-finite counts evaluate reported are those of the outputs.
inline void check_counts(const GridOutputs& out) {
  for (std::size_t o = 0; o < out.values.size(); ++o) {
    std::int64_t nonfinite = 0;
    for (double v : out.values[o]) nonfinite += std::isfinite(v) ? 0 : 1;
    CHECK_EQ(out.nonfinite[o], nonfinite);
  }
}

// A dense pre-training run worked through by hand in test_kernels.cpp:
// 1e9 parameters on 2e10 tokens (20 per parameter), 24 layers of width
// 2048 at context 2048, on 1 PFLOP/s accelerators at 50% MFU, the cluster
// sized for a one-day budget.
inline Point<cd::TrainKernel> dense_training() {
  Point<cd::TrainKernel> p;
  p.set("params", 1e9)
      .set("active_params", 1e9)
      .set("layers", 24)
      .set("d_model", 2048)
      .set("context_tokens", 2048)
      .set("tokens", 2e10)
      .set("attention_flops", 1)
      .set("causal_attention", 1)
      .set("activation_recompute", 0)
      .set("peak_flops", 1e15)
      .set("mfu", 0.5)
      .set("known_gpu_hours", 0)
      .set("known_wall_days", 0)
      .set("n_gpus", 0)
      .set("wall_days_budget", 1)
      .set("memory_gb", 80)
      .set("usable_memory_share", 0.8)
      .set("train_bytes_per_param", 16)
      .set("adapter_share", 0)
      .set("frozen_bytes_per_param", 2)
      .set("activation_gb", 100)
      .set("tdp_w", 700)
      .set("power_share", 0.5)
      .set("host_overhead_w", 100)
      .set("measured_power_w", 0)
      .set("pue", 1.2)
      .set("carbon_intensity_g_per_kwh", 400)
      .set("embodied_kg_per_gpu", 150)
      .set("hardware_lifetime_years", 4)
      .set("cloud_usd_per_gpu_hour", 2)
      .set("region_price_multiplier", 1)
      .set("discount_multiplier", 0.8)
      .set("gpu_price_usd", 30000)
      .set("cluster_overhead", 0.5)
      .set("amortisation_years", 4)
      .set("electricity_usd_per_kwh", 0.1)
      .set("wue_l_per_kwh", 1.8)
      .set("grid_water_l_per_kwh", 3);
  return p;
}

// Serving a 70e9-parameter model (80 layers, 8 KV heads of 128, 16-bit
// weights and cache) at batch 32, 1000 prompt + 500 output tokens, to a
// million users of 10 requests a day.
inline Point<cd::ServeKernel> serving_70b() {
  Point<cd::ServeKernel> p;
  p.set("params", 7e10)
      .set("active_params", 7e10)
      .set("layers", 80)
      .set("kv_heads", 8)
      .set("head_dim", 128)
      .set("batch", 32)
      .set("prompt_tokens", 1000)
      .set("output_tokens", 500)
      .set("weight_bytes_per_param", 2)
      .set("kv_bytes_per_value", 2)
      .set("memory_gb", 80)
      .set("usable_memory_share", 0.9)
      .set("peak_flops", 1e15)
      .set("mfu_inference", 0.5)
      .set("bandwidth_gb_s", 3350)
      .set("mbu", 0.8)
      .set("tdp_w", 700)
      .set("power_share", 0.5)
      .set("host_overhead_w", 100)
      .set("measured_power_w", 0)
      .set("pue", 1.2)
      .set("carbon_intensity_g_per_kwh", 400)
      .set("cloud_usd_per_gpu_hour", 2)
      .set("region_price_multiplier", 1)
      .set("discount_multiplier", 0.8)
      .set("gpu_price_usd", 30000)
      .set("cluster_overhead", 0.5)
      .set("amortisation_years", 4)
      .set("electricity_usd_per_kwh", 0.1)
      .set("users", 1e6)
      .set("requests_per_user_per_day", 10)
      .set("target_utilization", 0.5);
  return p;
}

// n values from a to b, evenly spaced on a log scale.
inline std::vector<double> log_spaced(double a, double b, std::size_t n) {
  std::vector<double> values(n);
  const double last = n == 1 ? 1.0 : static_cast<double>(n - 1);
  for (std::size_t k = 0; k < n; ++k)
    values[k] = a * std::pow(b / a, static_cast<double>(k) / last);
  return values;
}

}  // namespace cdtest
