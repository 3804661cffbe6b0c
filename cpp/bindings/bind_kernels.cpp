// Thin bindings of the kernels: check the arrays, release the GIL, evaluate.
#include "prelude.hpp"

#include <cstdint>
#include <string>
#include <vector>

#include "computedivide/grid.hpp"

namespace {

constexpr int kMaxDims = 32;

bool is_native_float64(const py::array& a) {
  const py::dtype dt = a.dtype();
  if (dt.kind() != 'f' || dt.itemsize() != 8) return false;
  const char order = dt.byteorder();
  const char native = py::dtype::of<double>().byteorder();
  return order == '=' || order == '|' || order == native;
}

template <class K>
py::tuple evaluate(const py::dict& inputs, const std::vector<std::string>& wanted,
                   int n_threads) {
  for (auto item : inputs) {
    const std::string key = py::str(item.first);
    bool known = false;
    for (const char* name : K::input_names) known = known || key == name;
    if (!known) throw py::key_error("unknown kernel input '" + key + "'");
  }
  std::vector<py::array> arrays;  // keeps the inputs alive while evaluating
  std::vector<cd::StridedInput> strided;
  std::vector<std::int64_t> shape;
  for (std::size_t i = 0; i < K::n_inputs; ++i) {
    const char* name = K::input_names[i];
    if (!inputs.contains(name))
      throw py::key_error(std::string("missing kernel input '") + name + "'");
    py::object value = inputs[name];
    if (!py::isinstance<py::array>(value))
      throw py::type_error(std::string("kernel input '") + name +
                           "' must be a numpy.ndarray");
    py::array a = py::reinterpret_borrow<py::array>(value);
    if (!is_native_float64(a))
      throw py::type_error(std::string("kernel input '") + name +
                           "' must have dtype float64 in native byte order");
    if (a.ndim() > kMaxDims)
      throw py::value_error(std::string("kernel input '") + name +
                            "' has more than 32 dimensions");
    std::vector<std::int64_t> a_shape(a.shape(), a.shape() + a.ndim());
    if (i == 0) {
      shape = a_shape;
    } else if (a_shape != shape) {
      throw py::value_error(std::string("kernel input '") + name +
                            "' does not have the grid's shape (inputs must be "
                            "broadcast to one shape)");
    }
    cd::StridedInput in;
    in.data = static_cast<const double*>(a.data());
    for (py::ssize_t d = 0; d < a.ndim(); ++d) {
      const py::ssize_t stride = a.strides(d);
      if (stride % static_cast<py::ssize_t>(sizeof(double)) != 0)
        throw py::value_error(std::string("kernel input '") + name +
                              "' has a stride that is not a whole number of "
                              "float64 elements");
      in.strides.push_back(stride / static_cast<py::ssize_t>(sizeof(double)));
    }
    strided.push_back(std::move(in));
    arrays.push_back(std::move(a));
  }
  cd::grid_size(shape);  // throws std::overflow_error past int64

  std::vector<double*> out_ptrs(K::n_outputs, nullptr);
  py::dict results;
  for (const std::string& want : wanted) {
    std::size_t o = 0;
    while (o < K::n_outputs && want != K::output_names[o]) ++o;
    if (o == K::n_outputs)
      throw py::key_error("unknown kernel output '" + want + "'");
    if (out_ptrs[o] != nullptr) continue;
    py::array_t<double> out(std::vector<py::ssize_t>(shape.begin(), shape.end()));
    out_ptrs[o] = out.mutable_data();
    results[py::str(want)] = out;
  }

  std::vector<std::int64_t> nonfinite;
  {
    // Safe without the GIL: the core touches only the buffers above, which
    // `arrays` and `results` keep alive, and calls no Python API.
    py::gil_scoped_release release;
    nonfinite = cd::evaluate<K>(shape, strided, out_ptrs, n_threads);
  }
  py::dict nonfinite_counts;
  for (std::size_t o = 0; o < K::n_outputs; ++o)
    if (nonfinite[o] != 0) nonfinite_counts[K::output_names[o]] = nonfinite[o];
  return py::make_tuple(results, nonfinite_counts);
}

template <class K>
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
        py::arg("outputs"), py::arg("n_threads") = 0);
}

}  // namespace

void register_kernels(py::module_& m) {
  register_kernel<cd::TrainKernel>(m, "train");
  register_kernel<cd::ServeKernel>(m, "serve");
}
