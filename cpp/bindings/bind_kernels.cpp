// Thin bindings of the kernels: check the arrays, release the GIL, evaluate.
#include "prelude.hpp"

#include <cstdint>
#include <string>
#include <vector>

#include "computedivide/grid.hpp"
#include "computedivide/reduce.hpp"
#include "inputs.hpp"

namespace {

template <class K, class T>
py::tuple evaluate_as(const Inputs& parsed, const std::vector<std::string>& wanted,
                      int n_threads) {
  const std::vector<std::int64_t>& shape = parsed.shape;
  std::vector<T*> out_ptrs(K::n_outputs, nullptr);
  py::dict results;
  for (const std::string& want : wanted) {
    std::size_t o = 0;
    while (o < K::n_outputs && want != K::output_names[o]) ++o;
    if (o == K::n_outputs)
      throw py::key_error("unknown kernel output '" + want + "'");
    if (out_ptrs[o] != nullptr) continue;
    py::array_t<T> out(std::vector<py::ssize_t>(shape.begin(), shape.end()));
    out_ptrs[o] = out.mutable_data();
    results[py::str(want)] = out;
  }

  std::vector<std::int64_t> nonfinite(K::n_outputs, 0);
  if (results.empty())  // nothing asked for: no reason to walk the grid
    return py::make_tuple(results, py::dict());
  {
    // Safe without the GIL: the core touches only the buffers above, which
    // `parsed` and `results` keep alive, and calls no Python API.
    py::gil_scoped_release release;
    nonfinite = cd::evaluate<K>(shape, parsed.strided, out_ptrs, n_threads);
  }
  py::dict nonfinite_counts;
  for (std::size_t o = 0; o < K::n_outputs; ++o)
    if (nonfinite[o] != 0) nonfinite_counts[K::output_names[o]] = nonfinite[o];
  return py::make_tuple(results, nonfinite_counts);
}

// dtype: "float64", or "float32" for the float64 results rounded to float32.
template <class K>
py::tuple evaluate(const py::dict& inputs, const std::vector<std::string>& wanted,
                   int n_threads, const std::string& dtype) {
  if (dtype != "float64" && dtype != "float32")
    throw py::value_error("dtype must be 'float64' or 'float32'; got '" + dtype + "'");
  const Inputs parsed = parse_inputs<K>(inputs);
  if (dtype == "float32") return evaluate_as<K, float>(parsed, wanted, n_threads);
  return evaluate_as<K, double>(parsed, wanted, n_threads);
}

constexpr const char* kReductionSpec =
    "a reduction is a tuple (output: str, op: str, threshold: float, log10_lo: float, "
    "log10_hi: float, bins: int)";

int output_index(const char* const* names, std::size_t n, const std::string& want) {
  for (std::size_t o = 0; o < n; ++o)
    if (want == names[o]) return static_cast<int>(o);
  throw py::key_error("unknown kernel output '" + want + "'");
}

// reductions: (output, op, threshold, log10_lo, log10_hi, bins) tuples, op one
// of "sum", "min", "max", "count_le", "hist". Returns one state array per
// reduction, shaped (cells, width), and non-finite counts per reduction.
template <class K>
py::tuple reduce(const py::dict& inputs, const py::list& reductions, std::int64_t reduced_size,
                 std::int64_t chunk_points, int n_threads, const py::object& progress) {
  Inputs parsed = parse_inputs<K>(inputs);
  std::vector<cd::Reduction> specs;
  for (const py::handle item : reductions) {
    if (!py::isinstance<py::tuple>(item) || py::len(item) != 6)
      throw py::type_error(kReductionSpec);
    const auto spec = item.cast<py::tuple>();
    cd::Reduction red;
    std::string output, op;
    try {
      output = spec[0].cast<std::string>();
      op = spec[1].cast<std::string>();
      red.threshold = spec[2].cast<double>();
      red.log10_lo = spec[3].cast<double>();
      red.log10_hi = spec[4].cast<double>();
      if (!py::isinstance<py::int_>(spec[5])) throw py::cast_error();
      red.bins = spec[5].cast<int>();
    } catch (const py::cast_error&) {
      throw py::type_error(kReductionSpec);
    }
    red.output = output_index(K::output_names, K::n_outputs, output);
    if (op == "sum") red.op = cd::ReduceOp::Sum;
    else if (op == "min") red.op = cd::ReduceOp::Min;
    else if (op == "max") red.op = cd::ReduceOp::Max;
    else if (op == "count_le") red.op = cd::ReduceOp::CountLE;
    else if (op == "hist") red.op = cd::ReduceOp::Hist;
    else throw py::value_error("unknown reduction '" + op + "'");
    specs.push_back(red);
  }
  std::vector<std::int64_t> shape = parsed.shape;
  const std::int64_t size = shape.empty() ? 1 : cd::grid_size(shape);
  if (reduced_size < 1 || size % reduced_size != 0)
    throw py::value_error("reduced_size must divide the grid size");
  const std::int64_t cells = size / reduced_size;

  py::list states;
  std::vector<double*> state_ptrs;
  for (const cd::Reduction& red : specs) {
    py::array_t<double> state(std::vector<py::ssize_t>{cells, red.width()});
    state_ptrs.push_back(state.mutable_data());
    states.append(state);
  }
  // After each chunk: Ctrl-C raises KeyboardInterrupt here (and stops the
  // evaluation), and the progress callback, if any, hears how far it got.
  auto after_chunk = [&progress](std::int64_t done, std::int64_t total) {
    py::gil_scoped_acquire acquire;
    if (PyErr_CheckSignals() != 0) throw py::error_already_set();
    if (!progress.is_none()) progress(done, total);
  };
  std::vector<std::int64_t> nonfinite;
  {
    py::gil_scoped_release release;
    nonfinite = cd::reduce<K>(shape, parsed.strided, specs, reduced_size, state_ptrs,
                              chunk_points, n_threads, after_chunk);
  }
  return py::make_tuple(states, nonfinite);
}

template <class K, bool kWithReduce>
void register_kernel(py::module_& m, const char* name) {
  const std::string prefix(name);
  m.def((prefix + "_input_names").c_str(), [] {
    return std::vector<std::string>(std::begin(K::input_names),
                                    std::end(K::input_names));
  });
  m.def((prefix + "_output_names").c_str(), [] {
    return std::vector<std::string>(std::begin(K::output_names),
                                    std::end(K::output_names));
  });
  m.def(("evaluate_" + prefix).c_str(), &evaluate<K>, py::arg("inputs"),
        py::arg("outputs"), py::arg("n_threads") = 0, py::arg("dtype") = "float64");
  if constexpr (kWithReduce) {
    m.def(("reduce_" + prefix).c_str(), &reduce<K>, py::arg("inputs"),
          py::arg("reductions"), py::arg("reduced_size"), py::arg("chunk_points"),
          py::arg("n_threads") = 0, py::arg("progress") = py::none());
  }
}

}  // namespace

void register_kernels(py::module_& m) {
  register_kernel<cd::TrainKernel, true>(m, "train");
  register_kernel<cd::ServeKernel, true>(m, "serve");
  register_kernel<cd::AffordKernel, false>(m, "afford");
  register_kernel<cd::AccessKernel, false>(m, "access");
  register_kernel<cd::DevelopKernel, false>(m, "develop");
  register_kernel<cd::LargestTrainKernel, false>(m, "largest_train");
  register_kernel<cd::LargestServeKernel, false>(m, "largest_serve");
}
