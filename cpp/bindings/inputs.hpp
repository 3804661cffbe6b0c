// The kernel inputs of a Python dict of NumPy arrays, checked and read as
// strided views (no copy); shared by the _core and _cuda modules.
#pragma once

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

// The kernel inputs of a dict of arrays of one shape, as strided views.
struct Inputs {
  std::vector<py::array> arrays;  // keeps the inputs alive while evaluating
  std::vector<cd::StridedInput> strided;
  std::vector<std::int64_t> shape;
};

template <class K>
Inputs parse_inputs(const py::dict& inputs) {
  Inputs parsed;
  std::vector<py::array>& arrays = parsed.arrays;
  std::vector<cd::StridedInput>& strided = parsed.strided;
  std::vector<std::int64_t>& shape = parsed.shape;
  for (auto item : inputs) {
    const std::string key = py::str(item.first);
    bool known = false;
    for (const char* name : K::input_names) known = known || key == name;
    if (!known) throw py::key_error("unknown kernel input '" + key + "'");
  }
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
  return parsed;
}

}  // namespace
