// computedivide core: the metric formulas of MODEL.md, sections 2, 3 and 4.
//
// This header is the one place in C++ where each formula is written. It
// knows nothing about Python. Each kernel is a pair of X-macro lists (its
// inputs and its outputs, in a fixed order that the bindings expose by name)
// and a point function that maps one scenario's inputs to its outputs.
//
// Units of the inputs are the public API's units (GB, GB/s, W, days, years,
// US$, g CO2e/kWh); the point functions convert to seconds and bytes inside.
//
// The same functions serve the CPU and the optional CUDA kernels
// (cpp/cuda/): under nvcc, CD_HD marks them __host__ __device__, so the GPU
// path compiles these formulas rather than a copy of them. They are always
// inlined: the block loops of the core vectorise only with them inlined.
#pragma once

#if defined(__CUDACC__)
#define CD_HD __host__ __device__ __forceinline__
#elif defined(__GNUC__) || defined(__clang__)
#define CD_HD inline __attribute__((always_inline))
#else
#define CD_HD inline
#endif

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace cd {

// Calendar conventions, stated once: a Julian year and a twelfth of it.
inline constexpr double kSecondsPerHour = 3600.0;
inline constexpr double kSecondsPerDay = 86400.0;
inline constexpr double kDaysPerYear = 365.25;
inline constexpr double kHoursPerYear = kDaysPerYear * 24.0;   // 8766 h
inline constexpr double kHoursPerMonth = kHoursPerYear / 12.0;  // 730.5 h
inline constexpr double kBytesPerGB = 1e9;

// ceil(x) for x >= 0, exact, in operations that vectorise on every x86-64
// (std::ceil needs SSE4.1 to vectorise). Adding and removing 2^52 rounds x
// to the nearest integer, then one step up fixes a rounding down. Values at
// or above 2^52 are integers already; NaN and infinity pass through.
CD_HD double ceil_nonnegative(double x) {
  constexpr double two52 = 4503599627370496.0;
  const double nearest = (x + two52) - two52;
  const double up = nearest < x ? nearest + 1.0 : nearest;
  return x < two52 ? up : x;
}

// floor(x) for x >= 0, in the same vectorising operations as
// ceil_nonnegative; NaN and infinity pass through.
CD_HD double floor_nonnegative(double x) {
  constexpr double two52 = 4503599627370496.0;
  const double nearest = (x + two52) - two52;
  const double down = nearest > x ? nearest - 1.0 : nearest;
  return x < two52 ? down : x;
}

// The larger of a and b, NaN if either is NaN (as numpy.maximum; an infinite
// a also gives NaN): a non-finite value must reach the non-finite check,
// never be hidden behind a bound.
// `!(a >= b)` picks b when b is NaN; adding (a - a), which is 0 for a finite
// a and NaN for a NaN a, carries a NaN in a. (No `x != x` test: it stops GCC
// from vectorising the training loop.)
CD_HD double max_nan(double a, double b) {
  const double larger = !(a >= b) ? b : a;
  return larger + (a - a);
}

// Average electrical power drawn per accelerator (W), host share included:
// a measured figure where one is given (> 0; Patterson et al. 2021 measure
// whole-system power per chip), else TDP x power_share + host overhead.
CD_HD double accelerator_power_w(double tdp_w, double power_share,
                                  double host_overhead_w,
                                  double measured_power_w) {
  return measured_power_w > 0.0 ? measured_power_w
                                : tdp_w * power_share + host_overhead_w;
}

// ---------------------------------------------------------------- training
// Inputs of the training kernel, in binding order. Flags are 0.0 or 1.0.
#define CD_TRAIN_INPUTS(X)                                                     \
  X(params)                  /* total parameters N (count) */                  \
  X(active_params)           /* parameters active per token N_act (count) */   \
  X(layers)                  /* transformer layers L */                        \
  X(d_model)                 /* model width d */                               \
  X(context_tokens)          /* training sequence length T */                  \
  X(tokens)                  /* training tokens D */                           \
  X(attention_flops)         /* flag: add the 6*L*T*d*D attention term */      \
  X(causal_attention)        /* flag: causal masking halves that term */       \
  X(activation_recompute)    /* flag: hardware FLOPs are 8/6 of model FLOPs */ \
  X(peak_flops)              /* dense peak FLOP/s per accelerator */           \
  X(mfu)                     /* model FLOPs utilisation, (0, 1] */             \
  X(known_gpu_hours)         /* reported accelerator-hours; 0 = from FLOPs */  \
  X(known_wall_days)         /* reported days on n_gpus; 0 = from FLOPs */     \
  X(n_gpus)                  /* accelerators; 0 = derive from the budget */    \
  X(wall_days_budget)        /* wall-time budget (days) when n_gpus is 0 */    \
  X(memory_gb)               /* memory per accelerator (GB) */                 \
  X(usable_memory_share)     /* share of memory usable for state, (0, 1] */    \
  X(train_bytes_per_param)   /* bytes of training state per parameter */       \
  X(adapter_share)           /* adapter params / params; 0 = train them all */ \
  X(frozen_bytes_per_param)  /* bytes per frozen weight (adapters only) */     \
  X(activation_gb)           /* activation memory, whole job (GB) */           \
  X(tdp_w)                   /* accelerator board power (W) */                 \
  X(power_share)             /* average power as a share of TDP */             \
  X(host_overhead_w)         /* host power per accelerator (W) */              \
  X(measured_power_w)        /* measured power per accelerator; 0 = from TDP */\
  X(pue)                     /* data-centre power usage effectiveness */       \
  X(carbon_intensity_g_per_kwh)                                                \
  X(embodied_kg_per_gpu)     /* embodied emissions per accelerator (kg) */     \
  X(hardware_lifetime_years) /* lifetime over which embodied CO2 is spread */  \
  X(cloud_usd_per_gpu_hour)  /* on-demand rent per accelerator-hour */         \
  X(region_price_multiplier) /* regional multiplier on the rent */             \
  X(discount_multiplier)     /* academic or committed-use multiplier on rent */\
  X(gpu_price_usd)           /* purchase price per accelerator */              \
  X(cluster_overhead)        /* servers+network as a share of GPU price */     \
  X(amortisation_years)      /* hardware amortisation period */                \
  X(electricity_usd_per_kwh)                                                   \
  X(wue_l_per_kwh)           /* on-site water per kWh of IT energy */          \
  X(grid_water_l_per_kwh)    /* off-site water per kWh at the meter */

#define CD_TRAIN_OUTPUTS(X)                                                    \
  X(train_flops)      /* model FLOPs C */                                      \
  X(hardware_flops)   /* FLOPs executed, recomputation included */             \
  X(gpu_hours)        /* accelerator-hours H */                                \
  X(implied_mfu)      /* train_flops / (peak_flops * accelerator-seconds) */   \
  X(n_gpus_used)      /* accelerators used */                                  \
  X(wall_days)        /* wall-clock days W */                                  \
  X(min_gpus_memory)  /* accelerators needed to hold the training state */     \
  X(fits_memory)      /* 1 if n_gpus_used >= min_gpus_memory */                \
  X(energy_kwh)       /* energy at the meter */                                \
  X(co2_kg)           /* operational emissions */                              \
  X(co2_embodied_kg)  /* amortised embodied emissions */                       \
  X(water_l)          /* on-site plus off-site water */                        \
  X(cost_rent_usd)    /* rent view */                                          \
  X(cost_own_usd)     /* own view: amortised hardware plus electricity */      \
  X(capex_usd)        /* capital to start */

#define CD_FIELD(name) double name;
struct TrainIn {
  CD_TRAIN_INPUTS(CD_FIELD)
};
struct TrainOut {
  CD_TRAIN_OUTPUTS(CD_FIELD)
};

// The inputs that describe where a run happens (the site: data centre,
// grid, cloud offer), as opposed to what is run on which accelerators. The
// training formulas fall in two stages: train_compute uses no site input,
// train_site adds what the site changes. A grid whose innermost dimension
// varies only site inputs (regions, prices) runs train_compute once per row.
#define CD_TRAIN_SITE_INPUTS(X)                                                \
  X(pue)                                                                       \
  X(carbon_intensity_g_per_kwh)                                                \
  X(cloud_usd_per_gpu_hour)                                                    \
  X(region_price_multiplier)                                                   \
  X(discount_multiplier)                                                       \
  X(amortisation_years)                                                        \
  X(electricity_usd_per_kwh)                                                   \
  X(wue_l_per_kwh)                                                             \
  X(grid_water_l_per_kwh)

// The site inputs that come with the accelerator and the deal, not with the
// region: on a row along regions they are constant, and the staged site
// stage reads them from the row's first point instead of from columns.
#define CD_TRAIN_DEAL_INPUTS(X)                                                \
  X(cloud_usd_per_gpu_hour)                                                    \
  X(discount_multiplier)                                                       \
  X(amortisation_years)

// The inputs of a row along the model's size or its tokens: on a row that
// moves only these, the other inputs are the row's first point's.
#define CD_TRAIN_VOLUME_INPUTS(X)                                              \
  X(params)                                                                    \
  X(active_params)                                                             \
  X(tokens)

// What train_compute hands to train_site: every output that no site input
// changes, and two intermediates.
struct TrainCompute {
  TrainOut out;  // energy_kwh, co2_kg, water_l, cost_rent_usd, cost_own_usd unset
  double wall_years;
  double watts_per_gpu;
};

CD_HD TrainCompute train_compute(const TrainIn& in) {
  TrainCompute c;
  TrainOut& out = c.out;
  const double attention_share = in.causal_attention != 0.0 ? 0.5 : 1.0;
  const double attention = in.attention_flops != 0.0
                               ? 6.0 * in.layers * in.context_tokens *
                                     in.d_model * in.tokens * attention_share
                               : 0.0;
  // Parameter-efficient fine-tuning (MODEL.md section 6; LoRA, Hu et al.
  // 2021; QLoRA, Dettmers et al. 2023): the frozen weights take the forward
  // pass (2 FLOPs per parameter and token) and the backward pass to the
  // activations (2), but no weight gradients; the adapter's own parameters
  // take all three (6). Without adapters every parameter trains (6).
  const bool adapters = in.adapter_share > 0.0;
  const double adapter_params = in.adapter_share * in.params;
  const double flops_per_token =
      adapters ? 4.0 * in.active_params + 6.0 * adapter_params : 6.0 * in.active_params;
  out.train_flops = flops_per_token * in.tokens + attention;
  // Full recomputation repeats the forward pass: a third of the attention
  // term and 2 FLOPs per parameter and token (8/6 of a full training run).
  const double forward_flops =
      2.0 * (in.active_params + adapter_params) * in.tokens + attention / 3.0;
  out.hardware_flops = in.activation_recompute != 0.0 ? out.train_flops + forward_flops
                                                      : out.train_flops;
  // MFU counts model FLOPs, so recomputation does not change the time.
  // Reported accelerator-hours, or days on n_gpus accelerators, replace the
  // estimate from FLOPs and MFU (to recompute a published run's footprint).
  const double from_flops = out.train_flops / (in.peak_flops * in.mfu);
  const double from_days = in.n_gpus * in.known_wall_days * kSecondsPerDay;
  const double gpu_seconds =
      in.known_gpu_hours > 0.0 ? in.known_gpu_hours * kSecondsPerHour
                               : (in.known_wall_days > 0.0 ? from_days : from_flops);
  out.gpu_hours = gpu_seconds / kSecondsPerHour;
  out.implied_mfu = out.train_flops / (in.peak_flops * gpu_seconds);

  // Training state: every parameter with its optimizer state; with
  // adapters, the frozen weights at their own precision (16 bit for LoRA, 4
  // for QLoRA) and only the adapter with optimizer state.
  const double parameter_bytes =
      adapters ? in.params * in.frozen_bytes_per_param + adapter_params * in.train_bytes_per_param
               : in.params * in.train_bytes_per_param;
  const double state_bytes = parameter_bytes + in.activation_gb * kBytesPerGB;
  // At least one accelerator, however small the state.
  out.min_gpus_memory = max_nan(1.0, ceil_nonnegative(
      state_bytes / (in.memory_gb * kBytesPerGB * in.usable_memory_share)));
  // n_gpus of 0 means: the fewest that meet the budget and hold the state.
  const double for_budget = max_nan(
      ceil_nonnegative(gpu_seconds / (in.wall_days_budget * kSecondsPerDay)),
      out.min_gpus_memory);
  out.n_gpus_used = in.n_gpus > 0.0 ? in.n_gpus : for_budget;
  out.fits_memory = out.n_gpus_used >= out.min_gpus_memory ? 1.0 : 0.0;
  out.wall_days = gpu_seconds / out.n_gpus_used / kSecondsPerDay;
  c.wall_years = out.wall_days / kDaysPerYear;

  c.watts_per_gpu = accelerator_power_w(
      in.tdp_w, in.power_share, in.host_overhead_w, in.measured_power_w);
  out.co2_embodied_kg = out.n_gpus_used * in.embodied_kg_per_gpu * c.wall_years /
                        in.hardware_lifetime_years;
  out.capex_usd = out.n_gpus_used * in.gpu_price_usd * (1.0 + in.cluster_overhead);
  // Set by train_site; defined here so that every field is initialised.
  out.energy_kwh = out.co2_kg = out.water_l = out.cost_rent_usd = out.cost_own_usd = 0.0;
  return c;
}

// The outputs that depend on the site. Reads only the site inputs of `in`.
CD_HD TrainOut train_site(const TrainCompute& c, const TrainIn& in) {
  TrainOut out = c.out;
  out.energy_kwh = out.gpu_hours * c.watts_per_gpu * in.pue / 1000.0;
  out.co2_kg = out.energy_kwh * in.carbon_intensity_g_per_kwh / 1000.0;
  out.water_l = out.energy_kwh / in.pue * in.wue_l_per_kwh +
                out.energy_kwh * in.grid_water_l_per_kwh;
  out.cost_rent_usd = out.gpu_hours * in.cloud_usd_per_gpu_hour *
                      in.region_price_multiplier * in.discount_multiplier;
  out.cost_own_usd = out.capex_usd * c.wall_years / in.amortisation_years +
                     out.energy_kwh * in.electricity_usd_per_kwh;
  return out;
}

CD_HD TrainOut train_point(const TrainIn& in) { return train_site(train_compute(in), in); }

// ----------------------------------------------------------------- serving
#define CD_SERVE_INPUTS(X)                                                     \
  X(params)                    /* total parameters N */                        \
  X(active_params)             /* parameters active per token N_act */         \
  X(layers)                    /* transformer layers L */                      \
  X(kv_heads)                  /* key/value heads */                           \
  X(head_dim)                  /* dimension per head */                        \
  X(batch)                     /* concurrent sequences per replica B */        \
  X(prompt_tokens)             /* input tokens per request */                  \
  X(output_tokens)             /* output tokens per request */                 \
  X(weight_bytes_per_param)    /* bytes per weight (2 = 16 bit, 0.5 = 4) */    \
  X(kv_bytes_per_value)        /* bytes per cached key or value */             \
  X(memory_gb)                 /* memory per accelerator (GB) */               \
  X(usable_memory_share)       /* share of memory usable, (0, 1] */            \
  X(peak_flops)                /* dense peak FLOP/s per accelerator */         \
  X(mfu_inference)             /* FLOPs utilisation when serving */            \
  X(bandwidth_gb_s)            /* memory bandwidth per accelerator (GB/s) */   \
  X(mbu)                       /* memory-bandwidth utilisation */              \
  X(tdp_w)                                                                     \
  X(power_share)                                                               \
  X(host_overhead_w)                                                           \
  X(measured_power_w)                                                          \
  X(pue)                                                                       \
  X(carbon_intensity_g_per_kwh)                                                \
  X(cloud_usd_per_gpu_hour)                                                    \
  X(region_price_multiplier)                                                   \
  X(discount_multiplier)                                                       \
  X(gpu_price_usd)                                                             \
  X(cluster_overhead)                                                          \
  X(amortisation_years)                                                        \
  X(electricity_usd_per_kwh)                                                   \
  X(users)                     /* users of the service */                      \
  X(requests_per_user_per_day)                                                 \
  X(target_utilization)        /* average share of decode capacity used */

#define CD_SERVE_OUTPUTS(X)                                                    \
  X(weights_gb)             /* weights at the serving precision */             \
  X(kv_gb_per_seq)          /* KV cache of one full sequence */                \
  X(gpus_per_replica)       /* accelerators holding weights + KV cache */      \
  X(decode_step_s)          /* one decode step of the whole batch */           \
  X(tokens_per_s)           /* decode output tokens per second, per replica */ \
  X(prefill_s)              /* prefill of one prompt on one replica */         \
  X(usd_per_mtok_rent)      /* rent view, per million output tokens */         \
  X(usd_per_mtok_own)       /* own view, per million output tokens */          \
  X(kwh_per_mtok)           /* energy per million output tokens */             \
  X(co2_g_per_mtok)         /* operational CO2 per million output tokens */    \
  X(replicas)               /* replicas to carry the load */                   \
  X(monthly_cost_rent_usd)                                                     \
  X(monthly_cost_own_usd)                                                      \
  X(monthly_energy_kwh)                                                        \
  X(monthly_co2_kg)

struct ServeIn {
  CD_SERVE_INPUTS(CD_FIELD)
};
struct ServeOut {
  CD_SERVE_OUTPUTS(CD_FIELD)
};

CD_HD ServeOut serve_point(const ServeIn& in) {
  ServeOut out;
  const double weights_bytes = in.params * in.weight_bytes_per_param;
  const double kv_bytes_per_token =
      2.0 * in.layers * in.kv_heads * in.head_dim * in.kv_bytes_per_value;
  const double seq_tokens = in.prompt_tokens + in.output_tokens;
  const double kv_bytes_per_seq = kv_bytes_per_token * seq_tokens;
  out.weights_gb = weights_bytes / kBytesPerGB;
  out.kv_gb_per_seq = kv_bytes_per_seq / kBytesPerGB;
  out.gpus_per_replica = max_nan(
      1.0, ceil_nonnegative((weights_bytes + in.batch * kv_bytes_per_seq) /
                            (in.memory_gb * kBytesPerGB * in.usable_memory_share)));

  // Roofline of one decode step over the replica (tensor parallel): the
  // batch's FLOPs against the weights plus the KV cache read at the mean
  // decode position (prompt + half the output).
  const double flops_per_s = in.peak_flops * out.gpus_per_replica;
  const double bytes_per_s =
      in.bandwidth_gb_s * kBytesPerGB * out.gpus_per_replica;
  const double compute_s =
      2.0 * in.active_params * in.batch / (flops_per_s * in.mfu_inference);
  const double kv_read_bytes =
      in.batch * (in.prompt_tokens + 0.5 * in.output_tokens) *
      kv_bytes_per_token;
  const double memory_s = (weights_bytes + kv_read_bytes) / (bytes_per_s * in.mbu);
  out.decode_step_s = max_nan(compute_s, memory_s);
  out.tokens_per_s = in.batch / out.decode_step_s;
  out.prefill_s = 2.0 * in.active_params * in.prompt_tokens /
                  (flops_per_s * in.mfu_inference);

  const double replica_kw = out.gpus_per_replica *
                            accelerator_power_w(in.tdp_w, in.power_share,
                                                in.host_overhead_w,
                                                in.measured_power_w) *
                            in.pue / 1000.0;
  const double rent_usd_per_hour = out.gpus_per_replica * in.cloud_usd_per_gpu_hour *
                                   in.region_price_multiplier * in.discount_multiplier;
  const double own_usd_per_hour =
      out.gpus_per_replica * in.gpu_price_usd * (1.0 + in.cluster_overhead) /
          (in.amortisation_years * kHoursPerYear) +
      replica_kw * in.electricity_usd_per_kwh;
  const double mtok_per_hour = out.tokens_per_s * kSecondsPerHour / 1e6;
  out.usd_per_mtok_rent = rent_usd_per_hour / mtok_per_hour;
  out.usd_per_mtok_own = own_usd_per_hour / mtok_per_hour;
  out.kwh_per_mtok = replica_kw / mtok_per_hour;
  out.co2_g_per_mtok = out.kwh_per_mtok * in.carbon_intensity_g_per_kwh;

  const double demand_tokens_per_s =
      in.users * in.requests_per_user_per_day * in.output_tokens /
      kSecondsPerDay;
  out.replicas =
      ceil_nonnegative(demand_tokens_per_s / (out.tokens_per_s * in.target_utilization));
  out.monthly_cost_rent_usd = out.replicas * rent_usd_per_hour * kHoursPerMonth;
  out.monthly_cost_own_usd = out.replicas * own_usd_per_hour * kHoursPerMonth;
  out.monthly_energy_kwh = out.replicas * replica_kw * kHoursPerMonth;
  out.monthly_co2_kg =
      out.monthly_energy_kwh * in.carbon_intensity_g_per_kwh / 1000.0;
  return out;
}

// ------------------------------------------------- the development budget
// MODEL.md section 6: the whole cost of developing a model, beyond the
// final run, in parts reported separately (Cottier et al. 2024).
#define CD_DEVELOP_INPUTS(X)                                                   \
  X(final_run_usd)          /* the final training run, one money view (US$) */ \
  X(experiments_multiplier) /* all R&D compute / final-run compute, >= 1 */    \
  X(staff)                  /* people, full-time equivalent */                 \
  X(salary_usd_per_year)    /* loaded salary per person (US$/year) */          \
  X(staff_months)           /* months the staff work on the model */           \
  X(data_tokens)            /* licensed training tokens */                     \
  X(data_usd_per_mtok)      /* licence price per million tokens (US$) */       \
  X(annotated_examples)     /* annotated examples (comparisons, labels) */     \
  X(usd_per_example)        /* price of one annotated example (US$) */

#define CD_DEVELOP_OUTPUTS(X)                                                  \
  X(compute_final_usd)       /* the final run */                               \
  X(compute_experiments_usd) /* experiments and failed runs */                 \
  X(staff_usd)               /* salaries over the project */                   \
  X(data_usd)                /* licensing and annotation */                    \
  X(total_usd)               /* the sum of the four parts */                   \
  X(staff_share)             /* staff_usd / total_usd */

struct DevelopIn {
  CD_DEVELOP_INPUTS(CD_FIELD)
};
struct DevelopOut {
  CD_DEVELOP_OUTPUTS(CD_FIELD)
};

CD_HD DevelopOut develop_point(const DevelopIn& in) {
  DevelopOut out;
  out.compute_final_usd = in.final_run_usd;
  out.compute_experiments_usd = in.final_run_usd * (in.experiments_multiplier - 1.0);
  out.staff_usd = in.staff * in.salary_usd_per_year * in.staff_months / 12.0;
  out.data_usd = in.data_tokens / 1e6 * in.data_usd_per_mtok +
                 in.annotated_examples * in.usd_per_example;
  out.total_usd =
      out.compute_final_usd + out.compute_experiments_usd + out.staff_usd + out.data_usd;
  out.staff_share = out.staff_usd / out.total_usd;
  return out;
}

// ------------------------------------------------------ the inverse question
// MODEL.md section 7: the largest model a budget buys. Costs rise with the
// parameters N (and with D when D = tokens_per_param x N), so the answer is
// the largest N in [params_min, params_max] whose cost is within the budget.

// What a search found: the largest x with cost(x) <= budget, the cost
// there, and where it ended (-1: even params_min costs more than the
// budget, x = 0; +1: params_max is within it, x = params_max; 0: between).
struct Found {
  double x;
  double cost;
  double bound;
};

// Relative precision of a search: the answer x has cost(x) <= budget and
// cost(x * (1 + kSearchTolerance)) > budget, or cost(x) within
// kSearchTolerance of the budget.
inline constexpr double kSearchTolerance = 1e-12;

// The largest x in [lo, hi] with cost(x) <= budget, for a cost that does
// not fall as x grows. Closed form first: where the cost is a power of x
// (c = k x^p, as the rent of D = 20 N pre-training is), the power through
// the two ends gives the answer at once, and one evaluation confirms it.
// Otherwise (steps of whole accelerators, fixed costs) bisection on log x.
// A NaN budget (a payer without the figure) gives NaN throughout.
template <class Cost>
CD_HD Found largest_within(const Cost& cost, double budget, double lo, double hi) {
  Found found;
  if (!(budget >= 0.0)) {  // no figure (NaN); a negative budget is refused upstream
    found.x = found.cost = found.bound = NAN;
    return found;
  }
  const double cost_lo = cost(lo);
  if (!(cost_lo <= budget)) {
    found.x = 0.0;
    found.cost = 0.0;
    found.bound = -1.0;
    return found;
  }
  const double cost_hi = cost(hi);
  if (cost_hi <= budget) {
    found.x = hi;
    found.cost = cost_hi;
    found.bound = 1.0;
    return found;
  }
  found.bound = 0.0;
  double a = lo, cost_a = cost_lo, b = hi;  // cost(a) <= budget < cost(b)
  if (cost_lo > 0.0) {
    const double power = std::log(cost_hi / cost_lo) / std::log(hi / lo);
    if (power > 0.0) {
      const double guess = lo * std::pow(budget / cost_lo, 1.0 / power);
      for (int step = 0; step < 2 && guess > a && guess < b; ++step) {
        // The guess, then a hair below it where rounding put it just above.
        const double x = step == 0 ? guess : guess * (1.0 - 16.0 * kSearchTolerance);
        const double c = cost(x);
        if (c <= budget) {
          a = x;
          cost_a = c;
          if (c >= budget * (1.0 - kSearchTolerance)) {
            found.x = a;
            found.cost = cost_a;
            return found;
          }
          break;
        }
        b = x;
      }
    }
  }
  for (int step = 0; step < 200 && b > a * (1.0 + kSearchTolerance); ++step) {
    const double mid = std::sqrt(a) * std::sqrt(b);
    const double x = mid > a && mid < b ? mid : 0.5 * (a + b);
    if (!(x > a && x < b)) break;
    const double c = cost(x);
    if (c <= budget) {
      a = x;
      cost_a = c;
    } else {
      b = x;
    }
  }
  found.x = a;
  found.cost = cost_a;
  return found;
}

// The value of output `index` of a kernel's outputs (NaN out of range).
#define CD_OUTPUT_VALUE(name) out.name,
#define CD_OUTPUT_PICKER(Name, Out, OUTPUTS)                                   \
  CD_HD double Name(const Out& out, double index) {                            \
    const double values[] = {OUTPUTS(CD_OUTPUT_VALUE)};                        \
    const int n = static_cast<int>(sizeof(values) / sizeof(values[0]));        \
    if (!(index >= 0.0 && index < n)) return NAN;                              \
    return values[static_cast<int>(index)];                                    \
  }
CD_OUTPUT_PICKER(train_output, TrainOut, CD_TRAIN_OUTPUTS)
CD_OUTPUT_PICKER(serve_output, ServeOut, CD_SERVE_OUTPUTS)
#undef CD_OUTPUT_PICKER
#undef CD_OUTPUT_VALUE

// The search inputs shared by both inverse kernels, after the kernel's own.
#define CD_SEARCH_INPUTS(X)                                                    \
  X(budget)        /* the payer's budget, in the unit of budget_output */      \
  X(budget_output) /* index of the output the budget pays for */               \
  X(active_share)  /* active / total parameters (1 = dense) */                 \
  X(params_min)    /* smallest model searched (parameters) */                  \
  X(params_max)    /* largest model searched (parameters) */

#define CD_SEARCH_OUTPUTS(X)                                                   \
  X(largest_params)        /* the largest model within the budget (N) */      \
  X(largest_active_params) /* its active parameters */                        \
  X(budget_spent)          /* the budgeted output at that model */            \
  X(search_bound)          /* -1 none fits, +1 params_max fits, 0 between */

// Training and fine-tuning: params, active_params (and tokens, when
// tokens_per_param > 0) follow the searched N; the MFU may change with the
// size as mfu * (active / mfu_reference_params) ^ mfu_size_exponent (the
// fitted default of train(); exponent 0 keeps it fixed).
#define CD_LARGEST_TRAIN_INPUTS(X)                                             \
  CD_TRAIN_INPUTS(X)                                                           \
  CD_SEARCH_INPUTS(X)                                                          \
  X(tokens_per_param)     /* D = tokens_per_param x N; 0 = tokens as given */  \
  X(mfu_size_exponent)    /* d log mfu / d log active parameters */            \
  X(mfu_reference_params) /* active parameters at which mfu applies */

#define CD_LARGEST_TRAIN_OUTPUTS(X)                                            \
  CD_SEARCH_OUTPUTS(X)                                                         \
  X(largest_tokens) /* its training tokens */                                  \
  CD_TRAIN_OUTPUTS(X)

#define CD_LARGEST_SERVE_INPUTS(X)                                             \
  CD_SERVE_INPUTS(X)                                                           \
  CD_SEARCH_INPUTS(X)

#define CD_LARGEST_SERVE_OUTPUTS(X)                                            \
  CD_SEARCH_OUTPUTS(X)                                                         \
  CD_SERVE_OUTPUTS(X)

struct LargestTrainIn {
  CD_LARGEST_TRAIN_INPUTS(CD_FIELD)
};
struct LargestTrainOut {
  CD_LARGEST_TRAIN_OUTPUTS(CD_FIELD)
};
struct LargestServeIn {
  CD_LARGEST_SERVE_INPUTS(CD_FIELD)
};
struct LargestServeOut {
  CD_LARGEST_SERVE_OUTPUTS(CD_FIELD)
};

// The training inputs of a model of n parameters.
CD_HD TrainIn train_at(const LargestTrainIn& in, double n) {
  TrainIn at;
#define CD_COPY(name) at.name = in.name;
  CD_TRAIN_INPUTS(CD_COPY)
#undef CD_COPY
  at.params = n;
  at.active_params = n * in.active_share;
  if (in.tokens_per_param > 0.0) at.tokens = in.tokens_per_param * n;
  if (in.mfu_size_exponent != 0.0)
    at.mfu = in.mfu * std::pow(at.active_params / in.mfu_reference_params, in.mfu_size_exponent);
  return at;
}

CD_HD ServeIn serve_at(const LargestServeIn& in, double n) {
  ServeIn at;
#define CD_COPY(name) at.name = in.name;
  CD_SERVE_INPUTS(CD_COPY)
#undef CD_COPY
  at.params = n;
  at.active_params = n * in.active_share;
  return at;
}

// A model whose training state does not fit on the n_gpus given is out of
// reach whatever it costs (fitting is monotone too: larger models need more).
struct TrainCostAt {
  const LargestTrainIn& in;
  CD_HD double operator()(double n) const {
    const TrainOut out = train_point(train_at(in, n));
    return out.fits_memory != 0.0 ? train_output(out, in.budget_output) : INFINITY;
  }
};

struct ServeCostAt {
  const LargestServeIn& in;
  CD_HD double operator()(double n) const {
    return serve_output(serve_point(serve_at(in, n)), in.budget_output);
  }
};

// The search's own outputs; every kernel output at the model found (NaN
// where none fits: there is no such model to describe).
#define CD_SEARCH_RESULT(Out, at_point, KERNEL_OUTPUTS)                        \
  out.largest_params = found.x;                                                \
  out.largest_active_params = found.x * in.active_share;                      \
  out.budget_spent = found.cost;                                               \
  out.search_bound = found.bound;                                              \
  {                                                                            \
    const double none = found.bound < 0.0 ? NAN : 0.0;                         \
    const Out at = at_point;                                                   \
    KERNEL_OUTPUTS(CD_SEARCH_COPY)                                             \
  }
#define CD_SEARCH_COPY(name) out.name = at.name + none;

CD_HD LargestTrainOut largest_train_point(const LargestTrainIn& in) {
  LargestTrainOut out;
  const Found found = largest_within(TrainCostAt{in}, in.budget, in.params_min, in.params_max);
  const double n = found.bound < 0.0 ? in.params_min : found.x;
  const TrainIn at_in = train_at(in, n);
  out.largest_tokens = found.bound < 0.0 ? 0.0 : at_in.tokens;
  CD_SEARCH_RESULT(TrainOut, train_point(at_in), CD_TRAIN_OUTPUTS)
  return out;
}

CD_HD LargestServeOut largest_serve_point(const LargestServeIn& in) {
  LargestServeOut out;
  const Found found = largest_within(ServeCostAt{in}, in.budget, in.params_min, in.params_max);
  const double n = found.bound < 0.0 ? in.params_min : found.x;
  CD_SEARCH_RESULT(ServeOut, serve_point(serve_at(in, n)), CD_SERVE_OUTPUTS)
  return out;
}
#undef CD_SEARCH_RESULT
#undef CD_SEARCH_COPY

// --------------------------------------------------- who can afford it
// MODEL.md section 4. A missing figure of a payer (no R&D data for a
// nation, say) arrives as NaN and stays NaN in the ratios; the flags and
// the population counts are then 0 ("not known to be within reach"), as
// every comparison with NaN is false.

// A payer (a nation, an organisation) against one cost.
#define CD_AFFORD_INPUTS(X)                                                    \
  X(cost_usd)      /* one scenario's cost in one money view (US$) */           \
  X(budget_usd)    /* the payer's budget: GDP, R&D, revenue (US$/year) */      \
  X(budget_share)  /* share of the budget the payer would spend, (0, inf) */   \
  X(population)    /* people behind the payer (0 for an organisation) */

#define CD_AFFORD_OUTPUTS(X)                                                   \
  X(cost_share_of_budget)    /* cost_usd / budget_usd */                       \
  X(within_reach)            /* 1 if cost_usd <= budget_share * budget_usd */  \
  X(runs_affordable)         /* whole runs budget_share * budget pays for */   \
  X(population_within_reach) /* population where within reach, else 0 */

// An individual in a country against the monthly price of access: a
// subscription, an API bill for a given use, or a local machine over its
// life (MODEL.md section 4).
#define CD_ACCESS_INPUTS(X)                                                    \
  X(subscription_usd_per_month) /* flat monthly price */                       \
  X(usd_per_mtok_input)         /* API price per million input tokens */       \
  X(usd_per_mtok_output)        /* API price per million output tokens */      \
  X(input_mtok_per_month)       /* API use: million input tokens a month */    \
  X(output_mtok_per_month)      /* API use: million output tokens a month */   \
  X(hardware_price_usd)         /* local machine: purchase price */            \
  X(hardware_lifetime_years)    /* local machine: useful life */               \
  X(power_w)                    /* local machine: power while in use */        \
  X(hours_per_day)              /* local machine: hours in use a day */        \
  X(electricity_usd_per_kwh)    /* household electricity price */              \
  X(gni_per_capita_usd)         /* income: GNI per capita (US$/year) */        \
  X(work_hours_per_year)        /* hours worked in a year */                   \
  X(income_share_threshold)     /* affordable at or below this share */        \
  X(population)                 /* people in the country */                    \
  X(internet_users_share)       /* share of them using the internet */

#define CD_ACCESS_OUTPUTS(X)                                                   \
  X(monthly_price_usd)         /* all parts of the monthly price */            \
  X(share_of_monthly_income)   /* price / (GNI per capita / 12) */             \
  X(hours_of_work)             /* price / (GNI per capita / work hours) */     \
  X(affordable)                /* 1 if share_of_monthly_income <= threshold */ \
  X(population_affordable)     /* population where affordable, else 0 */      \
  X(internet_users_affordable) /* internet users where affordable, else 0 */

struct AffordIn {
  CD_AFFORD_INPUTS(CD_FIELD)
};
struct AffordOut {
  CD_AFFORD_OUTPUTS(CD_FIELD)
};
struct AccessIn {
  CD_ACCESS_INPUTS(CD_FIELD)
};
struct AccessOut {
  CD_ACCESS_OUTPUTS(CD_FIELD)
};
#undef CD_FIELD

CD_HD AffordOut afford_point(const AffordIn& in) {
  AffordOut out;
  const double spendable_usd = in.budget_share * in.budget_usd;
  out.cost_share_of_budget = in.cost_usd / in.budget_usd;
  out.within_reach = in.cost_usd <= spendable_usd ? 1.0 : 0.0;
  out.runs_affordable = floor_nonnegative(spendable_usd / in.cost_usd);
  out.population_within_reach = out.within_reach * in.population;
  return out;
}

CD_HD AccessOut access_point(const AccessIn& in) {
  AccessOut out;
  const double api_usd = in.usd_per_mtok_input * in.input_mtok_per_month +
                         in.usd_per_mtok_output * in.output_mtok_per_month;
  const double hardware_usd =
      in.hardware_price_usd / (in.hardware_lifetime_years * 12.0);
  // Without power drawn there is no electricity bill, whatever its price
  // (which may be unknown, NaN, for a country).
  const double kwh_per_month =
      in.power_w / 1000.0 * in.hours_per_day * (kDaysPerYear / 12.0);
  const double electricity_usd =
      in.power_w > 0.0 ? kwh_per_month * in.electricity_usd_per_kwh : 0.0;
  out.monthly_price_usd =
      in.subscription_usd_per_month + api_usd + hardware_usd + electricity_usd;
  out.share_of_monthly_income =
      out.monthly_price_usd / (in.gni_per_capita_usd / 12.0);
  out.hours_of_work =
      out.monthly_price_usd / (in.gni_per_capita_usd / in.work_hours_per_year);
  out.affordable =
      out.share_of_monthly_income <= in.income_share_threshold ? 1.0 : 0.0;
  out.population_affordable = out.affordable * in.population;
  out.internet_users_affordable =
      out.population_affordable * in.internet_users_share;
  return out;
}

}  // namespace cd
