// The kernels' formulas (metrics.hpp) against values worked out by hand.
//
// Each expected value is derived in the comment above it from the inputs
// of the scenario (scenarios.hpp), with the formula of metrics.hpp; the
// tolerance, 1e-13 relative, allows for the last bits of the roundings.
#include "check.hpp"
#include "scenarios.hpp"

namespace {

using cd::LargestServeKernel;
using cd::LargestTrainKernel;
using cd::ServeKernel;
using cd::TrainKernel;
using cdtest::evaluate_point;
using cdtest::Point;

constexpr double kHand = 1e-13;

template <class K>
bool every_input_set(const Point<K>& point) {
  for (double value : point.values)
    if (std::isnan(value)) return false;
  return true;
}

}  // namespace

TEST_CASE(train_dense_model_by_hand) {
  const Point<TrainKernel> in = cdtest::dense_training();
  CHECK(every_input_set(in));
  const auto out = evaluate_point(in);

  // Attention term, causal (halved): 6 L T d D / 2
  //   = 6 * 24 * 2048 * 2048 * 2e10 / 2 = 6.03979776e18.
  // Model FLOPs: 6 N D + attention = 6 * 1e9 * 2e10 + 6.03979776e18
  //   = 1.2e20 + 6.03979776e18 = 1.2603979776e20.
  CHECK_CLOSE(out["train_flops"], 1.2603979776e20, kHand);
  // No recomputation: the hardware executes the model FLOPs.
  CHECK_EQ(out["hardware_flops"], out["train_flops"]);
  // Accelerator-seconds: C / (peak * MFU) = 1.2603979776e20 / 5e14
  //   = 252079.59552 s = 70.0221098666... h.
  CHECK_CLOSE(out["gpu_hours"], 252079.59552 / 3600.0, kHand);
  CHECK_CLOSE(out["gpu_hours"], 70.02210986666667, kHand);
  CHECK_CLOSE(out["implied_mfu"], 0.5, kHand);
  // State: 1e9 * 16 B + 100 GB = 1.16e11 B over 80 GB * 0.8 = 6.4e10 B per
  // accelerator: 1.8125, so 2 accelerators.
  CHECK_EQ(out["min_gpus_memory"], 2.0);
  // A one-day budget: 252079.59552 s / 86400 s = 2.9176 -> 3 accelerators
  // (at least the 2 of memory), which hold the state.
  CHECK_EQ(out["n_gpus_used"], 3.0);
  CHECK_EQ(out["fits_memory"], 1.0);
  // 252079.59552 s / 3 / 86400 s = 0.97252930370... days.
  CHECK_CLOSE(out["wall_days"], 0.9725293037037037, kHand);
  // 700 W * 0.5 + 100 W host = 450 W per accelerator; at the meter
  // 70.0221098667 h * 450 W * PUE 1.2 / 1000 = 37.811939328 kWh.
  CHECK_CLOSE(out["energy_kwh"], 37.811939328, kHand);
  // 37.811939328 kWh * 400 g/kWh = 15.1247757312 kg.
  CHECK_CLOSE(out["co2_kg"], 15.1247757312, kHand);
  // On site 37.811939328 / 1.2 * 1.8 L + off site 37.811939328 * 3 L
  //   = 56.717908992 + 113.435817984 = 170.153726976 L.
  CHECK_CLOSE(out["water_l"], 170.153726976, kHand);
  // 3 * 150 kg * (0.9725293037 / 365.25 years) / 4 years = 0.29954701346 kg.
  CHECK_CLOSE(out["co2_embodied_kg"], 0.2995470134610997, kHand);
  // 70.0221098667 h * 2 US$ * 1 * 0.8 = 112.035375786... US$.
  CHECK_CLOSE(out["cost_rent_usd"], 112.03537578666666, kHand);
  // 3 * 30000 US$ * (1 + 0.5) = 135000 US$.
  CHECK_EQ(out["capex_usd"], 135000.0);
  // 135000 * (0.9725293037 / 365.25) / 4 + 37.811939328 kWh * 0.1 US$
  //   = 89.8641040383 + 3.7811939328 = 93.6452979711 US$.
  CHECK_CLOSE(out["cost_own_usd"], 93.6452979711299, kHand);
  for (std::size_t o = 0; o < TrainKernel::n_outputs; ++o) CHECK_EQ(out.nonfinite[o], 0);
}

TEST_CASE(train_activation_recompute_adds_a_forward_pass) {
  Point<TrainKernel> in = cdtest::dense_training();
  const auto without = evaluate_point(in);
  in.set("activation_recompute", 1);
  const auto with = evaluate_point(in);
  // Forward pass again: 2 N D + attention / 3 = 4e19 + 2.01326592e18;
  // 1.2603979776e20 + 4.201326592e19 = 1.6805306368e20 (8/6 of the run).
  CHECK_CLOSE(with["hardware_flops"], 1.6805306368e20, kHand);
  CHECK_CLOSE(with["hardware_flops"] / with["train_flops"], 8.0 / 6.0, kHand);
  // MFU counts model FLOPs: the time and everything after it stay the same.
  CHECK_EQ(with["train_flops"], without["train_flops"]);
  CHECK_EQ(with["gpu_hours"], without["gpu_hours"]);
  CHECK_EQ(with["cost_rent_usd"], without["cost_rent_usd"]);
}

TEST_CASE(train_adapters_train_fewer_flops_and_hold_less_state) {
  Point<TrainKernel> in = cdtest::dense_training();
  in.set("adapter_share", 0.01);
  const auto out = evaluate_point(in);
  // Frozen weights 4 FLOPs per token, the adapter's 1e7 parameters 6:
  // (4 * 1e9 + 6 * 1e7) * 2e10 + 6.03979776e18 = 8.723979776e19.
  CHECK_CLOSE(out["train_flops"], 8.723979776e19, kHand);
  // 8.723979776e19 / 5e14 / 3600 = 48.466554311... h.
  CHECK_CLOSE(out["gpu_hours"], 48.46655431111111, kHand);
  // State: 1e9 * 2 B frozen + 1e7 * 16 B + 100 GB = 1.0216e11 B over
  // 6.4e10 B: 1.596, so 2 accelerators.
  CHECK_EQ(out["min_gpus_memory"], 2.0);
  // Recomputation: + 2 (N + adapter) D + attention / 3
  //   = 8.723979776e19 + 4.04e19 + 2.01326592e18 = 1.2965306368e20.
  in.set("activation_recompute", 1);
  CHECK_CLOSE(evaluate_point(in)["hardware_flops"], 1.2965306368e20, kHand);
}

TEST_CASE(train_reported_hours_or_days_replace_the_estimate) {
  Point<TrainKernel> in = cdtest::dense_training();
  in.set("known_gpu_hours", 1000);
  auto out = evaluate_point(in);
  CHECK_EQ(out["gpu_hours"], 1000.0);
  // 1.2603979776e20 / (1e15 * 3.6e6 s) = 0.0350110549333...
  CHECK_CLOSE(out["implied_mfu"], 0.035011054933333334, kHand);

  // 16 accelerators for 2 days: 16 * 2 * 86400 s = 768 h, at a measured
  // 600 W each: 768 h * 600 W * 1.2 / 1000 = 552.96 kWh.
  in.set("known_gpu_hours", 0).set("known_wall_days", 2).set("n_gpus", 16);
  in.set("measured_power_w", 600);
  out = evaluate_point(in);
  CHECK_CLOSE(out["gpu_hours"], 768.0, kHand);
  CHECK_CLOSE(out["wall_days"], 2.0, kHand);
  CHECK_EQ(out["n_gpus_used"], 16.0);
  // 1.2603979776e20 / (1e15 * 2764800 s) = 0.0455873111...
  CHECK_CLOSE(out["implied_mfu"], 0.04558731111111111, kHand);
  CHECK_CLOSE(out["energy_kwh"], 552.96, kHand);
}

TEST_CASE(serve_70b_model_by_hand) {
  const Point<ServeKernel> in = cdtest::serving_70b();
  CHECK(every_input_set(in));
  const auto out = evaluate_point(in);
  // 7e10 * 2 B = 1.4e11 B = 140 GB.
  CHECK_EQ(out["weights_gb"], 140.0);
  // KV per token 2 * 80 * 8 * 128 * 2 B = 327680 B; a 1500-token sequence
  // 4.9152e8 B = 0.49152 GB.
  CHECK_CLOSE(out["kv_gb_per_seq"], 0.49152, kHand);
  // (1.4e11 + 32 * 4.9152e8) B / (80e9 * 0.9) B = 2.163 -> 3 accelerators.
  CHECK_EQ(out["gpus_per_replica"], 3.0);
  // Compute 2 * 7e10 * 32 / (3e15 * 0.5) = 2.99e-3 s; memory
  // (1.4e11 + 32 * 1250 * 327680) B / (3 * 3350e9 * 0.8) B/s
  //   = 1.531072e11 / 8.04e12 = 0.0190431840796 s: memory bound.
  CHECK_CLOSE(out["decode_step_s"], 0.01904318407960199, kHand);
  // 32 / 0.0190431840796 s = 1680.39125527... tokens/s.
  CHECK_CLOSE(out["tokens_per_s"], 1680.3912552773481, kHand);
  // 2 * 7e10 * 1000 / 1.5e15 = 0.09333... s.
  CHECK_CLOSE(out["prefill_s"], 0.09333333333333334, kHand);
  // Per replica-hour: rent 3 * 2 * 1 * 0.8 = 4.8 US$; own
  // 3 * 30000 * 1.5 / (4 * 8766) + 1.62 kW * 0.1 = 4.01210 US$; power
  // 3 * 450 W * 1.2 = 1.62 kW; 1680.39 * 3600 / 1e6 = 6.0494 Mtok.
  CHECK_CLOSE(out["usd_per_mtok_rent"], 0.7934660033167495, kHand);
  CHECK_CLOSE(out["usd_per_mtok_own"], 0.6632223062476802, kHand);
  CHECK_CLOSE(out["kwh_per_mtok"], 0.267794776119403, kHand);
  CHECK_CLOSE(out["co2_g_per_mtok"], 107.11791044776119, kHand);
  // Demand 1e6 * 10 * 500 / 86400 = 57870.37 tokens/s over
  // 1680.39 * 0.5 per replica: 68.88 -> 69 replicas.
  CHECK_EQ(out["replicas"], 69.0);
  // 69 replicas * 730.5 h: rent 69 * 4.8 * 730.5, energy 69 * 1.62 * 730.5.
  CHECK_CLOSE(out["monthly_cost_rent_usd"], 241941.6, kHand);
  CHECK_CLOSE(out["monthly_cost_own_usd"], 202228.029, kHand);
  CHECK_CLOSE(out["monthly_energy_kwh"], 81655.29, kHand);
  CHECK_CLOSE(out["monthly_co2_kg"], 32662.116, kHand);
  for (std::size_t o = 0; o < ServeKernel::n_outputs; ++o) CHECK_EQ(out.nonfinite[o], 0);
}

TEST_CASE(afford_access_and_develop_by_hand) {
  Point<cd::AffordKernel> afford;
  afford.set("cost_usd", 3e8).set("budget_usd", 2e12).set("budget_share", 0.01);
  afford.set("population", 5e7);
  const auto a = evaluate_point(afford);
  // 3e8 / 2e12; 1% of 2e12 = 2e10 pays for 66.7 -> 66 whole runs.
  CHECK_CLOSE(a["cost_share_of_budget"], 1.5e-4, kHand);
  CHECK_EQ(a["within_reach"], 1.0);
  CHECK_EQ(a["runs_affordable"], 66.0);
  CHECK_EQ(a["population_within_reach"], 5e7);

  Point<cd::AccessKernel> access;
  access.set("subscription_usd_per_month", 20)
      .set("usd_per_mtok_input", 3)
      .set("usd_per_mtok_output", 15)
      .set("input_mtok_per_month", 1)
      .set("output_mtok_per_month", 0.5)
      .set("hardware_price_usd", 2400)
      .set("hardware_lifetime_years", 3)
      .set("power_w", 300)
      .set("hours_per_day", 4)
      .set("electricity_usd_per_kwh", 0.2)
      .set("gni_per_capita_usd", 12000)
      .set("work_hours_per_year", 2000)
      .set("income_share_threshold", 0.2)
      .set("population", 1e7)
      .set("internet_users_share", 0.6);
  const auto b = evaluate_point(access);
  // 20 + (3 * 1 + 15 * 0.5) + 2400 / 36 + 0.3 kW * 4 h * 30.4375 d * 0.2
  //   = 20 + 10.5 + 66.667 + 7.305 = 104.47166... US$ a month.
  CHECK_CLOSE(b["monthly_price_usd"], 104.47166666666666, kHand);
  // Over 1000 US$ of monthly income; over 6 US$ an hour of work.
  CHECK_CLOSE(b["share_of_monthly_income"], 0.10447166666666667, kHand);
  CHECK_CLOSE(b["hours_of_work"], 17.411944444444444, kHand);
  CHECK_EQ(b["affordable"], 1.0);
  CHECK_EQ(b["internet_users_affordable"], 6e6);

  Point<cd::DevelopKernel> develop;
  develop.set("final_run_usd", 1e8)
      .set("experiments_multiplier", 3)
      .set("staff", 50)
      .set("salary_usd_per_year", 3e5)
      .set("staff_months", 18)
      .set("data_tokens", 1e12)
      .set("data_usd_per_mtok", 1)
      .set("annotated_examples", 1e5)
      .set("usd_per_example", 10);
  const auto c = evaluate_point(develop);
  // Experiments 1e8 * 2; staff 50 * 3e5 * 18 / 12 = 2.25e7; data
  // 1e6 Mtok * 1 + 1e5 * 10 = 2e6; total 3.245e8.
  CHECK_EQ(c["compute_experiments_usd"], 2e8);
  CHECK_EQ(c["staff_usd"], 2.25e7);
  CHECK_EQ(c["data_usd"], 2e6);
  CHECK_EQ(c["total_usd"], 3.245e8);
  CHECK_CLOSE(c["staff_share"], 2.25e7 / 3.245e8, kHand);
}

namespace {

// Rent of pre-training N parameters on 20 N tokens, no attention term, at
// 1 PFLOP/s, 50% MFU and 3 US$ an accelerator-hour:
// 6 N * 20 N / 5e14 / 3600 * 3 = 2e-16 N^2 US$.
Point<LargestTrainKernel> largest_by_rent(double budget_usd, double n_gpus) {
  const Point<TrainKernel> train = cdtest::dense_training();
  Point<LargestTrainKernel> in;
  for (const char* name : TrainKernel::input_names) in.set(name, train.get(name));
  in.set("attention_flops", 0)
      .set("activation_gb", 0)
      .set("n_gpus", n_gpus)
      .set("cloud_usd_per_gpu_hour", 3)
      .set("discount_multiplier", 1)
      .set("budget", budget_usd)
      .set("budget_output", TrainKernel::cost_rent_usd)
      .set("active_share", 1)
      .set("params_min", 1e6)
      .set("params_max", 1e13)
      .set("tokens_per_param", 20)
      .set("mfu_size_exponent", 0)
      .set("mfu_reference_params", 1e9);
  return in;
}

}  // namespace

TEST_CASE(largest_model_a_budget_pretrains) {
  // 2e-16 N^2 = 2e6 US$ at N = 1e11 (whose state, 1e11 * 16 B over
  // 6.4e10 B, fits on 25 of the 1000 accelerators).
  auto out = evaluate_point(largest_by_rent(2e6, 1000));
  CHECK_CLOSE(out["largest_params"], 1e11, 1e-11);
  CHECK_CLOSE(out["largest_tokens"], 2e12, 1e-11);
  CHECK_EQ(out["search_bound"], 0.0);
  CHECK(out["budget_spent"] <= 2e6);
  CHECK_CLOSE(out["budget_spent"], 2e6, 1e-11);
  CHECK_EQ(out["cost_rent_usd"], out["budget_spent"]);
  // 1e11 US$ would rent 2.2e13 parameters, but 1000 accelerators hold
  // N * 16 B <= 1000 * 6.4e10 B, N <= 4e12: the state decides.
  out = evaluate_point(largest_by_rent(1e11, 1000));
  CHECK_EQ(out["search_bound"], 0.0);
  CHECK_CLOSE(out["largest_params"], 4e12, 1e-11);
  CHECK(out["largest_params"] <= 4e12);
  CHECK_EQ(out["fits_memory"], 1.0);
  // With 1e6 accelerators it is the top of the range, 1e13 (2e10 US$).
  out = evaluate_point(largest_by_rent(1e11, 1e6));
  CHECK_EQ(out["search_bound"], 1.0);
  CHECK_EQ(out["largest_params"], 1e13);
  // Not even 1e6 parameters (2e-4 US$): none, and no outputs to describe.
  out = evaluate_point(largest_by_rent(1e-4, 1000));
  CHECK_EQ(out["search_bound"], -1.0);
  CHECK_EQ(out["largest_params"], 0.0);
  CHECK(std::isnan(out["train_flops"]));
  CHECK_EQ(out.nonfinite_of("train_flops"), 1);
  // A budget not known (NaN): NaN throughout.
  out = evaluate_point(largest_by_rent(cdtest::kNaN, 1000));
  CHECK(std::isnan(out["largest_params"]));
  CHECK(std::isnan(out["search_bound"]));

  // Serving: the largest model whose rent per million tokens is within
  // 0.7934660033 US$ is the 70e9 model of serve_70b_model_by_hand.
  const Point<ServeKernel> serve = cdtest::serving_70b();
  Point<LargestServeKernel> in;
  for (const char* name : ServeKernel::input_names) in.set(name, serve.get(name));
  in.set("budget", 0.7934660033167495 * (1 + 1e-15))
      .set("budget_output", ServeKernel::usd_per_mtok_rent)
      .set("active_share", 1)
      .set("params_min", 1e9)
      .set("params_max", 1e12);
  const auto s = evaluate_point(in);
  CHECK_EQ(s["search_bound"], 0.0);
  CHECK_CLOSE(s["largest_params"], 7e10, 1e-9);
  CHECK_EQ(s["gpus_per_replica"], 3.0);
}
