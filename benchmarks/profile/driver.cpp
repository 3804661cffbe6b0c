// A C++ driver of the core for profilers (perf, valgrind --tool=callgrind):
// the two grids of benchmarks/speed.py without Python in the way.
//
//   benchmarks/profile/build.sh && perf record -g /tmp/cd-profile stream
//
// stream: params (S) x tokens (S) x 8 accelerators x 125 regions, the
//         minimum rent and the count under $1M over (hardware, region);
// materialize: params (10,000 x scale) x tokens (1,000), six outputs.
// The second argument scales the grid (1 = the benchmarks' sizes); the third
// is the number of repetitions.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "computedivide/grid.hpp"
#include "computedivide/reduce.hpp"

namespace {

using cd::TrainKernel;

std::size_t input(const char* name) {
  for (std::size_t i = 0; i < TrainKernel::n_inputs; ++i)
    if (std::strcmp(name, TrainKernel::input_names[i]) == 0) return i;
  std::fprintf(stderr, "no input %s\n", name);
  std::exit(2);
}

std::vector<double> logspace(double a, double b, std::int64_t n) {
  std::vector<double> v(static_cast<std::size_t>(n));
  for (std::int64_t k = 0; k < n; ++k)
    v[static_cast<std::size_t>(k)] = std::pow(10.0, a + (b - a) * double(k) / double(n > 1 ? n - 1 : 1));
  return v;
}

struct Grid {
  std::vector<std::int64_t> shape;
  std::vector<std::vector<double>> storage;
  std::vector<cd::StridedInput> inputs;

  explicit Grid(std::vector<std::int64_t> s) : shape(std::move(s)) {
    storage.reserve(TrainKernel::n_inputs);
    inputs.resize(TrainKernel::n_inputs);
    const std::pair<const char*, double> scalars[] = {
        {"layers", 0}, {"d_model", 0}, {"context_tokens", 0}, {"attention_flops", 0},
        {"causal_attention", 1}, {"activation_recompute", 0}, {"mfu", 0.4},
        {"known_gpu_hours", 0}, {"known_wall_days", 0}, {"n_gpus", 0},
        {"wall_days_budget", 33}, {"usable_memory_share", 0.8}, {"train_bytes_per_param", 16},
        {"adapter_share", 0}, {"frozen_bytes_per_param", 2}, {"activation_gb", 0},
        {"power_share", 0.7}, {"host_overhead_w", 300}, {"measured_power_w", 0},
        {"embodied_kg_per_gpu", 150}, {"hardware_lifetime_years", 5},
        {"discount_multiplier", 1}, {"cluster_overhead", 0.5}, {"amortisation_years", 4},
        {"wue_l_per_kwh", 0.3}, {"grid_water_l_per_kwh", 2}, {"pue", 1.2},
        {"carbon_intensity_g_per_kwh", 400}, {"electricity_usd_per_kwh", 0.1},
        {"region_price_multiplier", 1}, {"peak_flops", 989e12}, {"memory_gb", 80},
        {"tdp_w", 700}, {"gpu_price_usd", 30000}, {"cloud_usd_per_gpu_hour", 3}};
    for (auto& [name, value] : scalars) set(name, {value}, -1);
  }
  // values along dimension `dim` (-1: a scalar).
  void set(const char* name, std::vector<double> values, int dim) {
    const std::size_t i = input(name);
    storage.push_back(std::move(values));
    inputs[i].data = storage.back().data();
    inputs[i].strides.assign(shape.size(), 0);
    if (dim >= 0) inputs[i].strides[static_cast<std::size_t>(dim)] = 1;
  }
};

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "stream";
  const double scale = argc > 2 ? std::atof(argv[2]) : 1.0;
  const int repeats = argc > 3 ? std::atoi(argv[3]) : 3;
  if (mode == "stream") {
    const auto n = static_cast<std::int64_t>(std::lround(1000 * std::sqrt(scale)));
    Grid g({n, n, 8, 125});
    g.set("params", logspace(9, 12, n), 0);
    g.set("active_params", logspace(9, 12, n), 0);
    g.set("tokens", logspace(11, 13, n), 1);
    g.set("peak_flops", logspace(14, 15.5, 8), 2);
    g.set("cloud_usd_per_gpu_hour", logspace(0, 1, 8), 2);
    g.set("region_price_multiplier", logspace(-0.1, 0.2, 125), 3);
    std::vector<cd::Reduction> reductions(2);
    const int cost = TrainKernel::cost_rent_usd;
    reductions[0].op = cd::ReduceOp::Min;
    reductions[0].output = cost;
    reductions[1].op = cd::ReduceOp::CountLE;
    reductions[1].output = cost;
    reductions[1].threshold = 1e6;
    const std::int64_t cells = n * n;
    std::vector<double> s0(static_cast<std::size_t>(cells * 2)), s1(static_cast<std::size_t>(cells));
    for (int r = 0; r < repeats; ++r) {
      const auto t0 = std::chrono::steady_clock::now();
      cd::reduce<TrainKernel>(g.shape, g.inputs, reductions, 1000, {s0.data(), s1.data()},
                              std::int64_t{1} << 22, 0, nullptr);
      const double t = seconds_since(t0);
      std::printf("stream %lld scenarios: %.3f s, %.3g /s (min[0] %.6g, count[0] %g)\n",
                  static_cast<long long>(cells * 1000), t, double(cells * 1000) / t, s0[0], s1[0]);
    }
  } else {
    const auto n = static_cast<std::int64_t>(std::lround(10000 * scale));
    Grid g({n, 1000});
    g.set("params", logspace(9, 12, n), 0);
    g.set("active_params", logspace(9, 12, n), 0);
    g.set("tokens", logspace(11, 13, 1000), 1);
    const char* six[] = {"train_flops", "gpu_hours", "energy_kwh", "co2_kg", "water_l",
                         "cost_rent_usd"};
    const std::size_t size = static_cast<std::size_t>(n * 1000);
    std::vector<std::vector<double>> out(6, std::vector<double>(size));
    std::vector<double*> outputs(TrainKernel::n_outputs, nullptr);
    for (int k = 0; k < 6; ++k)
      for (std::size_t o = 0; o < TrainKernel::n_outputs; ++o)
        if (std::strcmp(six[k], TrainKernel::output_names[o]) == 0) outputs[o] = out[k].data();
    for (int r = 0; r < repeats; ++r) {
      const auto t0 = std::chrono::steady_clock::now();
      cd::evaluate<TrainKernel>(g.shape, g.inputs, outputs, 0);
      const double t = seconds_since(t0);
      std::printf("materialize %zu scenarios, six outputs (warm pages): %.4f s, %.3g /s\n", size,
                  t, double(size) / t);
    }
  }
}
