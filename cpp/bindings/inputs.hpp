// The kernel inputs of a Python dict of NumPy arrays, checked and read as
// strided views (no copy); shared by the _core and _cuda modules.
#pragma once

#include "prelude.hpp"

#include <cstdint>
#include <cstdlib>
#include <functional>
#include <new>
#include <string>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "computedivide/grid.hpp"
#include "computedivide/reduction.hpp"

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

constexpr const char* kReductionSpec =
    "a reduction is a tuple (output: str, op: str, threshold: float, log10_lo: float, "
    "log10_hi: float, bins: int)";

int output_index(const char* const* names, std::size_t n, const std::string& want) {
  for (std::size_t o = 0; o < n; ++o)
    if (want == names[o]) return static_cast<int>(o);
  throw py::key_error("unknown kernel output '" + want + "'");
}

// reductions: (output, op, threshold, log10_lo, log10_hi, bins) tuples, op one
// of "sum", "min", "max", "count_le", "hist"; output a name of K's outputs.
template <class K>
std::vector<cd::Reduction> parse_reductions(const py::list& reductions) {
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
  return specs;
}

// A fresh C-ordered output array of `shape`. On Linux, one of 4 MiB or more
// starts on a 2 MiB boundary, spans whole 2 MiB pages and asks for
// transparent huge pages: the kernel then faults it in 2 MiB at a time
// (NumPy's own allocator also asks for them, but from an unaligned start,
// so each array's first and last pages stay 4 KiB: ~500 extra faults per
// array). Elsewhere, and for small arrays, NumPy's allocator.
template <class T>
py::array_t<T> output_array(const std::vector<std::int64_t>& shape) {
  const std::vector<py::ssize_t> dims(shape.begin(), shape.end());
#if defined(__linux__)
  constexpr std::size_t kHugePage = std::size_t{2} << 20;
  std::size_t count = 1;
  for (const std::int64_t n : shape) count *= static_cast<std::size_t>(n);
  const std::size_t bytes = count * sizeof(T);
  if (bytes >= 2 * kHugePage) {
    const std::size_t whole = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    void* data = std::aligned_alloc(kHugePage, whole);
    if (data == nullptr) throw std::bad_alloc();
    madvise(data, whole, MADV_HUGEPAGE);  // a hint: failure only costs speed
    const py::capsule owner(data, [](void* p) { std::free(p); });
    return py::array_t<T>(dims, static_cast<T*>(data), owner);
  }
#endif
  return py::array_t<T>(dims);
}

// The outputs' type: "float64" (false) or "float32" (true); ValueError else.
inline bool wants_float32(const std::string& dtype) {
  if (dtype != "float64" && dtype != "float32")
    throw py::value_error("dtype must be 'float64' or 'float32'; got '" + dtype + "'");
  return dtype == "float32";
}

// The state arrays of a reduction call: per reduction, (cells, width)
// float64, cells = grid size / reduced_size.
struct ReductionStates {
  py::list arrays;
  std::vector<double*> pointers;
};

inline ReductionStates allocate_states(const std::vector<cd::Reduction>& specs,
                                       const std::vector<std::int64_t>& shape,
                                       std::int64_t reduced_size) {
  const std::int64_t size = shape.empty() ? 1 : cd::grid_size(shape);
  if (reduced_size < 1 || size % reduced_size != 0)
    throw py::value_error("reduced_size must divide the grid size");
  const std::int64_t cells = size / reduced_size;
  ReductionStates states;
  for (const cd::Reduction& red : specs) {
    py::array_t<double> state = output_array<double>({cells, red.width()});
    states.pointers.push_back(state.mutable_data());
    states.arrays.append(state);
  }
  return states;
}

// Called after each chunk of a reduction, without the GIL: Ctrl-C raises
// KeyboardInterrupt there (and stops the evaluation), and `progress`, if not
// None, hears how far it got.
inline std::function<void(std::int64_t, std::int64_t)> after_chunk_callback(
    const py::object& progress) {
  return [&progress](std::int64_t done, std::int64_t total) {
    py::gil_scoped_acquire acquire;
    if (PyErr_CheckSignals() != 0) throw py::error_already_set();
    if (!progress.is_none()) progress(done, total);
  };
}

}  // namespace
