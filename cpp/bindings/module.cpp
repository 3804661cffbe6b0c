// The _core extension module: one register_<area>() call per area.
#include "prelude.hpp"

void register_kernels(py::module_& m);

PYBIND11_MODULE(_core, m) {
  m.doc() = "computedivide's compiled core (private; use the computedivide API)";
  register_kernels(m);
}
