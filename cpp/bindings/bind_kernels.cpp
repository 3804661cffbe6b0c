// Thin bindings of the kernels: check the arrays, release the GIL, evaluate.
#include "prelude.hpp"

#include <algorithm>
#include <cstdint>
#include <type_traits>
#include <string>
#include <vector>

#include "computedivide/grid.hpp"
#include "computedivide/reduce.hpp"
#include "inputs.hpp"

namespace {

// out[name], checked to take the results of `name`: an ndarray of T, of the
// grid's shape, C-contiguous, writeable, and sharing no memory with the
// inputs or the other outputs (the core reads the inputs while it writes).
template <class K, class T>
T* output_buffer(const py::handle value, const std::string& name, const Inputs& parsed,
                 const std::vector<py::array>& taken) {
  const std::string label = "out['" + name + "']";
  if (!py::isinstance<py::array>(value))
    throw py::type_error(label + " must be a numpy.ndarray");
  auto a = py::reinterpret_borrow<py::array>(value);
  const char* type = std::is_same_v<T, float> ? "float32" : "float64";
  if (!a.dtype().is(py::dtype::of<T>()))
    throw py::type_error(label + " must have dtype " + type + " (the dtype asked for); got " +
                         std::string(py::str(a.dtype())));
  const std::vector<std::int64_t> a_shape(a.shape(), a.shape() + a.ndim());
  if (a_shape != parsed.shape)
    throw py::value_error(label + " must have the grid's shape " +
                          std::string(py::str(py::tuple(py::cast(parsed.shape)))) + "; got " +
                          std::string(py::str(py::tuple(py::cast(a_shape)))));
  if ((a.flags() & py::array::c_style) == 0)
    throw py::value_error(label + " must be C-contiguous");
  if (!a.writeable()) throw py::value_error(label + " is read-only");
  const py::object may_share = py::module_::import("numpy").attr("may_share_memory");
  for (std::size_t i = 0; i < parsed.arrays.size(); ++i)
    if (may_share(a, parsed.arrays[i]).cast<bool>())
      throw py::value_error(label + " shares memory with the input '" +
                            K::input_names[i] + "'");
  for (const py::array& other : taken)
    if (may_share(a, other).cast<bool>())
      throw py::value_error(label + " shares memory with another output");
  return static_cast<T*>(a.mutable_data());
}

template <class K, class T>
py::tuple evaluate_as(const Inputs& parsed, const std::vector<std::string>& wanted,
                      int n_threads, const py::dict& out) {
  const std::vector<std::int64_t>& shape = parsed.shape;
  std::vector<T*> out_ptrs(K::n_outputs, nullptr);
  py::dict results;
  std::vector<py::array> taken;
  for (auto item : out) {
    const std::string key = py::str(item.first);
    if (std::find(wanted.begin(), wanted.end(), key) == wanted.end())
      throw py::key_error("out['" + key + "']: '" + key + "' is not among the outputs asked for");
  }
  for (const std::string& want : wanted) {
    std::size_t o = 0;
    while (o < K::n_outputs && want != K::output_names[o]) ++o;
    if (o == K::n_outputs)
      throw py::key_error("unknown kernel output '" + want + "'");
    if (out_ptrs[o] != nullptr) continue;
    if (out.contains(want)) {
      const py::object given = out[py::str(want)];
      out_ptrs[o] = output_buffer<K, T>(given, want, parsed, taken);
      taken.push_back(py::reinterpret_borrow<py::array>(given));
      results[py::str(want)] = given;
    } else {
      py::array_t<T> fresh = output_array<T>(shape);
      out_ptrs[o] = fresh.mutable_data();
      results[py::str(want)] = fresh;
    }
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
                   int n_threads, const std::string& dtype, const py::object& out) {
  const bool float32 = wants_float32(dtype);
  const Inputs parsed = parse_inputs<K>(inputs);
  py::dict buffers;
  if (!out.is_none()) {
    if (!py::isinstance<py::dict>(out))
      throw py::type_error("out must be a dict of output name -> numpy.ndarray, or None");
    buffers = py::reinterpret_borrow<py::dict>(out);
  }
  if (float32) return evaluate_as<K, float>(parsed, wanted, n_threads, buffers);
  return evaluate_as<K, double>(parsed, wanted, n_threads, buffers);
}

// reductions: (output, op, threshold, log10_lo, log10_hi, bins) tuples, op one
// of "sum", "min", "max", "count_le", "hist". Returns one state array per
// reduction, shaped (cells, width), and non-finite counts per reduction.
template <class K>
py::tuple reduce(const py::dict& inputs, const py::list& reductions, std::int64_t reduced_size,
                 std::int64_t chunk_points, int n_threads, const py::object& progress) {
  const Inputs parsed = parse_inputs<K>(inputs);
  const std::vector<cd::Reduction> specs = parse_reductions<K>(reductions);
  const ReductionStates states = allocate_states(specs, parsed.shape, reduced_size);
  const auto after_chunk = after_chunk_callback(progress);
  std::vector<std::int64_t> nonfinite;
  {
    py::gil_scoped_release release;
    nonfinite = cd::reduce<K>(parsed.shape, parsed.strided, specs, reduced_size, states.pointers,
                              chunk_points, n_threads, after_chunk);
  }
  return py::make_tuple(states.arrays, nonfinite);
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
        py::arg("outputs"), py::arg("n_threads") = 0, py::arg("dtype") = "float64",
        py::arg("out") = py::none());
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
