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
  void* data;
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
py::capsule dlpack_capsule(void* data, const std::vector<std::int64_t>& shape, bool float32,
                           int device) {
  auto* owned = new Owned{data, shape, {}};
  DLTensor& t = owned->tensor.dl_tensor;
  t.data = data;
  t.device = {2, device};
  t.ndim = static_cast<std::int32_t>(shape.size());
  t.dtype = {2, static_cast<std::uint8_t>(float32 ? 32 : 64), 1};
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

// Each input's span and strides, for the device copy.
std::vector<cd::cuda::HostInput> host_inputs(const Inputs& parsed) {
  std::vector<cd::cuda::HostInput> host(parsed.strided.size());
  for (std::size_t i = 0; i < host.size(); ++i) {
    host[i].data = parsed.strided[i].data;
    for (std::size_t d = 0; d < parsed.shape.size(); ++d) {
      const std::int64_t reach = (parsed.shape[d] - 1) * parsed.strided[i].strides[d];
      (reach < 0 ? host[i].lowest : host[i].highest) += reach;
      host[i].strides.push_back(parsed.strided[i].strides[d]);
    }
  }
  return host;
}

template <class K>
py::tuple evaluate(cd::cuda::Kernel kernel, const py::dict& inputs,
                   const std::vector<std::string>& wanted, bool keep_on_device,
                   const std::string& dtype, int device) {
  const bool float32 = wants_float32(dtype);
  const Inputs parsed = parse_inputs<K>(inputs);
  const std::vector<cd::cuda::HostInput> host = host_inputs(parsed);
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
    result = cd::cuda::evaluate(kernel, parsed.shape, host, fields, float32, device);
  }
  // Device outputs not yet handed over (to a capsule, or copied and freed)
  // are freed on every path out, a failed conversion included.
  struct Pending {
    std::vector<void*>& outputs;
    ~Pending() {
      for (void* output : outputs) cd::cuda::release(output);
    }
  } pending{result.outputs};
  py::dict results;
  py::dict nonfinite;
  for (std::size_t o = 0; o < names.size(); ++o) {
    if (result.nonfinite[o] != 0) nonfinite[py::str(names[o])] = result.nonfinite[o];
    if (keep_on_device) {
      const py::capsule capsule = dlpack_capsule(result.outputs[o], parsed.shape, float32, device);
      result.outputs[o] = nullptr;  // the capsule owns it now
      results[py::str(names[o])] = capsule;
    } else {
      py::array out = float32 ? py::array(output_array<float>(parsed.shape))
                              : py::array(output_array<double>(parsed.shape));
      cd::cuda::copy_to_host(result.outputs[o], out.mutable_data(),
                             static_cast<std::size_t>(result.size) * result.value_bytes);
      cd::cuda::release(result.outputs[o]);
      result.outputs[o] = nullptr;
      results[py::str(names[o])] = out;
    }
  }
  return py::make_tuple(results, nonfinite);
}

// As _core.reduce_*: the same reduction tuples, state arrays and counts.
template <class K>
py::tuple reduce(cd::cuda::Kernel kernel, const py::dict& inputs, const py::list& reductions,
                 std::int64_t reduced_size, std::int64_t chunk_points, const py::object& progress,
                 int device) {
  const Inputs parsed = parse_inputs<K>(inputs);
  const std::vector<cd::Reduction> specs = parse_reductions<K>(reductions);
  const ReductionStates states = allocate_states(specs, parsed.shape, reduced_size);
  const std::vector<cd::cuda::HostInput> host = host_inputs(parsed);
  const auto after_chunk = after_chunk_callback(progress);
  std::vector<std::int64_t> nonfinite;
  {
    py::gil_scoped_release release;
    nonfinite = cd::cuda::reduce(kernel, parsed.shape, host, specs, reduced_size, states.pointers,
                                 chunk_points, device, after_chunk);
  }
  return py::make_tuple(states.arrays, nonfinite);
}

template <class K>
void register_kernel(py::module_& m, const std::string& name, cd::cuda::Kernel kernel) {
  m.def(
      ("evaluate_" + name).c_str(),
      [kernel](const py::dict& inputs, const std::vector<std::string>& outputs,
               bool keep_on_device, const std::string& dtype, int device) {
        return evaluate<K>(kernel, inputs, outputs, keep_on_device, dtype, device);
      },
      py::arg("inputs"), py::arg("outputs"), py::arg("keep_on_device") = false,
      py::arg("dtype") = "float64", py::arg("device") = 0);
  m.def(
      ("reduce_" + name).c_str(),
      [kernel](const py::dict& inputs, const py::list& reductions, std::int64_t reduced_size,
               std::int64_t chunk_points, const py::object& progress, int device) {
        return reduce<K>(kernel, inputs, reductions, reduced_size, chunk_points, progress, device);
      },
      py::arg("inputs"), py::arg("reductions"), py::arg("reduced_size"),
      py::arg("chunk_points"), py::arg("progress") = py::none(), py::arg("device") = 0);
}

}  // namespace

PYBIND11_MODULE(_cuda, m) {
  m.doc() = "computedivide's optional CUDA path (private; use device='cuda')";
  m.def("device_count", &cd::cuda::device_count);
  m.def("describe", &cd::cuda::describe, py::arg("device") = 0);
  m.def(
      "measure_limits",
      [](int device) {
        cd::cuda::Limits limits;
        {
          py::gil_scoped_release release;
          limits = cd::cuda::measure_limits(device);
        }
        return py::make_tuple(limits.write_bytes_per_s, limits.fp64_flops_per_s);
      },
      py::arg("device") = 0);
  register_kernel<cd::TrainKernel>(m, "train", cd::cuda::Kernel::Train);
  register_kernel<cd::ServeKernel>(m, "serve", cd::cuda::Kernel::Serve);
}
