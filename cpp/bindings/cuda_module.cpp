// The optional _cuda extension module: the CUDA path of the kernels (built
// only with COMPUTEDIVIDE_CUDA=ON). Inputs are read as the _core module reads
// them; outputs come back as NumPy arrays, or stay on the GPU as DLPack
// capsules (which CuPy, PyTorch and JAX import without a copy).
#include "prelude.hpp"

#include <cstdint>
#include <string>
#include <vector>

#include "../cuda/cuda_api.hpp"
#include "computedivide/grid.hpp"
#include "inputs.hpp"

namespace {

// The DLPack ABI (dlpack.h, version 0.8 and later), declared here: its
// layout is fixed by the standard.
struct DLDevice {
  std::int32_t device_type;  // 2 = kDLCUDA
  std::int32_t device_id;
};
struct DLDataType {
  std::uint8_t code;  // 2 = kDLFloat
  std::uint8_t bits;
  std::uint16_t lanes;
};
struct DLTensor {
  void* data;
  DLDevice device;
  std::int32_t ndim;
  DLDataType dtype;
  std::int64_t* shape;
  std::int64_t* strides;
  std::uint64_t byte_offset;
};
struct DLManagedTensor {
  DLTensor dl_tensor;
  void* manager_ctx;
  void (*deleter)(DLManagedTensor*);
};

// Owns one device output and its shape while a consumer holds the tensor.
struct Owned {
  double* data;
  std::vector<std::int64_t> shape;
  DLManagedTensor tensor;
};

void delete_owned(DLManagedTensor* tensor) {
  auto* owned = static_cast<Owned*>(tensor->manager_ctx);
  cd::cuda::release(owned->data);
  delete owned;
}

// A "dltensor" capsule; if no consumer ever takes it, its destructor frees
// the device memory.
py::capsule dlpack_capsule(double* data, const std::vector<std::int64_t>& shape, int device) {
  auto* owned = new Owned{data, shape, {}};
  DLTensor& t = owned->tensor.dl_tensor;
  t.data = data;
  t.device = {2, device};
  t.ndim = static_cast<std::int32_t>(shape.size());
  t.dtype = {2, 64, 1};
  t.shape = owned->shape.data();
  t.strides = nullptr;  // C order
  t.byte_offset = 0;
  owned->tensor.manager_ctx = owned;
  owned->tensor.deleter = delete_owned;
  return py::capsule(&owned->tensor, "dltensor", [](PyObject* capsule) {
    // Consumed capsules are renamed "used_dltensor" and must not be freed.
    if (PyCapsule_IsValid(capsule, "dltensor")) {
      auto* tensor = static_cast<DLManagedTensor*>(PyCapsule_GetPointer(capsule, "dltensor"));
      tensor->deleter(tensor);
    }
  });
}

template <class K>
py::tuple evaluate(cd::cuda::Kernel kernel, const py::dict& inputs,
                   const std::vector<std::string>& wanted, bool keep_on_device, int device) {
  Inputs parsed = parse_inputs<K>(inputs);
  std::vector<cd::cuda::HostInput> host(parsed.strided.size());
  for (std::size_t i = 0; i < host.size(); ++i) {
    host[i].data = parsed.strided[i].data;
    for (std::size_t d = 0; d < parsed.shape.size(); ++d) {
      const std::int64_t reach = (parsed.shape[d] - 1) * parsed.strided[i].strides[d];
      (reach < 0 ? host[i].lowest : host[i].highest) += reach;
      host[i].strides.push_back(parsed.strided[i].strides[d]);
    }
  }
  std::vector<int> fields;
  std::vector<std::string> names;
  for (const std::string& want : wanted) {
    std::size_t o = 0;
    while (o < K::n_outputs && want != K::output_names[o]) ++o;
    if (o == K::n_outputs) throw py::key_error("unknown kernel output '" + want + "'");
    fields.push_back(static_cast<int>(o));
    names.push_back(want);
  }
  cd::cuda::DeviceResult result;
  {
    py::gil_scoped_release release;
    result = cd::cuda::evaluate(kernel, parsed.shape, host, fields, device);
  }
  py::dict results;
  py::dict nonfinite;
  for (std::size_t o = 0; o < names.size(); ++o) {
    if (result.nonfinite[o] != 0) nonfinite[py::str(names[o])] = result.nonfinite[o];
    if (keep_on_device) {
      results[py::str(names[o])] = dlpack_capsule(result.outputs[o], parsed.shape, device);
    } else {
      py::array_t<double> out(std::vector<py::ssize_t>(parsed.shape.begin(), parsed.shape.end()));
      try {
        cd::cuda::copy_to_host(result.outputs[o], out.mutable_data(), result.size);
      } catch (...) {
        for (std::size_t k = o; k < names.size(); ++k) cd::cuda::release(result.outputs[k]);
        throw;
      }
      cd::cuda::release(result.outputs[o]);
      results[py::str(names[o])] = out;
    }
  }
  return py::make_tuple(results, nonfinite);
}

}  // namespace

PYBIND11_MODULE(_cuda, m) {
  m.doc() = "computedivide's optional CUDA path (private; use device='cuda')";
  m.def("device_count", &cd::cuda::device_count);
  m.def("describe", &cd::cuda::describe, py::arg("device") = 0);
  m.def(
      "evaluate_train",
      [](const py::dict& inputs, const std::vector<std::string>& outputs, bool keep_on_device,
         int device) {
        return evaluate<cd::TrainKernel>(cd::cuda::Kernel::Train, inputs, outputs,
                                         keep_on_device, device);
      },
      py::arg("inputs"), py::arg("outputs"), py::arg("keep_on_device") = false,
      py::arg("device") = 0);
  m.def(
      "evaluate_serve",
      [](const py::dict& inputs, const std::vector<std::string>& outputs, bool keep_on_device,
         int device) {
        return evaluate<cd::ServeKernel>(cd::cuda::Kernel::Serve, inputs, outputs,
                                         keep_on_device, device);
      },
      py::arg("inputs"), py::arg("outputs"), py::arg("keep_on_device") = false,
      py::arg("device") = 0);
}
