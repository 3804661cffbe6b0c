// computedivide, optional CUDA kernels: the formulas of metrics.hpp (compiled
// here as __host__ __device__ functions, not copied) evaluated over a
// broadcast grid, one thread per scenario. The host interface is
// cuda_api.hpp; the _cuda Python module (cpp/bindings/cuda_module.cpp) calls
// it. Built only with COMPUTEDIVIDE_CUDA=ON, with --fmad=false so that the
// GPU rounds as the CPU core and the NumPy reference do.
#include <cuda_runtime.h>

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "computedivide/metrics.hpp"
#include "cuda_api.hpp"

namespace cd::cuda {
namespace {

void check(cudaError_t status, const char* what) {
  if (status != cudaSuccess)
    throw std::runtime_error(std::string("CUDA: ") + what + ": " + cudaGetErrorString(status));
}

// A kernel's arguments, by value: device pointers positioned so that
// data[offset] is valid for every offset the grid reads.
struct Arguments {
  int ndim;
  std::int64_t size;
  std::int64_t shape[kMaxDims];
  int n_inputs;
  const double* data[kMaxInputs];
  std::int64_t strides[kMaxInputs][kMaxDims];
  int n_outputs;
  double* outputs[kMaxOutputs];
  int fields[kMaxOutputs];
  unsigned long long* nonfinite;  // n_outputs counters
};

// The point functions' structs hold only doubles, in X-macro order, so a
// scenario is filled field by field from the inputs.
template <class In, class Out, Out (*Point)(const In&)>
__global__ void evaluate_kernel(const Arguments args) {
  constexpr int kIn = sizeof(In) / sizeof(double);
  constexpr int kOut = sizeof(Out) / sizeof(double);
  const std::int64_t step = static_cast<std::int64_t>(blockDim.x) * gridDim.x;
  for (std::int64_t flat = blockIdx.x * static_cast<std::int64_t>(blockDim.x) + threadIdx.x;
       flat < args.size; flat += step) {
    std::int64_t index[kMaxDims];
    std::int64_t rest = flat;
    for (int d = args.ndim - 1; d >= 0; --d) {
      index[d] = rest % args.shape[d];
      rest /= args.shape[d];
    }
    double in_values[kIn];
    for (int k = 0; k < kIn; ++k) {
      std::int64_t offset = 0;
      for (int d = 0; d < args.ndim; ++d) offset += index[d] * args.strides[k][d];
      in_values[k] = args.data[k][offset];
    }
    In in;
    memcpy(&in, in_values, sizeof(In));
    const Out out = Point(in);
    double out_values[kOut];
    memcpy(out_values, &out, sizeof(Out));
    for (int o = 0; o < args.n_outputs; ++o) {
      const double value = out_values[args.fields[o]];
      args.outputs[o][flat] = value;
      if (!isfinite(value)) atomicAdd(&args.nonfinite[o], 1ull);
    }
  }
}

template <class In, class Out, Out (*Point)(const In&)>
void launch(const Arguments& args) {
  constexpr int kThreads = 256;
  const std::int64_t wanted = (args.size + kThreads - 1) / kThreads;
  const int blocks = static_cast<int>(wanted < 65535 * 32 ? wanted : 65535 * 32);
  evaluate_kernel<In, Out, Point><<<blocks, kThreads>>>(args);
  check(cudaGetLastError(), "kernel launch");
}

// Device buffers freed on every path out (exceptions included).
struct Buffers {
  std::vector<void*> owned;
  ~Buffers() {
    for (void* p : owned) cudaFree(p);
  }
  void* allocate(std::size_t bytes, const char* what) {
    void* p = nullptr;
    check(cudaMalloc(&p, bytes == 0 ? 1 : bytes), what);
    owned.push_back(p);
    return p;
  }
};

}  // namespace

int device_count() noexcept {
  int count = 0;
  if (cudaGetDeviceCount(&count) != cudaSuccess) {
    cudaGetLastError();  // clear the sticky "no driver / no device" error
    return 0;
  }
  return count;
}

std::string describe(int device) {
  cudaDeviceProp prop{};
  check(cudaGetDeviceProperties(&prop, device), "cudaGetDeviceProperties");
  return std::string(prop.name) + ", compute " + std::to_string(prop.major) + "." +
         std::to_string(prop.minor) + ", " +
         std::to_string(static_cast<double>(prop.totalGlobalMem) / (1024.0 * 1024 * 1024)) +
         " GiB";
}

DeviceResult evaluate(Kernel kernel, const std::vector<std::int64_t>& shape,
                      const std::vector<HostInput>& inputs,
                      const std::vector<int>& output_fields, int device) {
  const int n_inputs = static_cast<int>(inputs.size());
  const int n_outputs = static_cast<int>(output_fields.size());
  const int expected = kernel == Kernel::Train ? static_cast<int>(sizeof(TrainIn) / sizeof(double))
                                               : static_cast<int>(sizeof(ServeIn) / sizeof(double));
  if (n_inputs != expected || n_inputs > kMaxInputs)
    throw std::invalid_argument("wrong number of kernel inputs for the CUDA kernel");
  if (n_outputs > kMaxOutputs) throw std::invalid_argument("too many outputs for the CUDA kernel");
  if (shape.size() > static_cast<std::size_t>(kMaxDims))
    throw std::invalid_argument("the CUDA path takes grids of at most 8 dimensions");

  Arguments args{};
  args.ndim = static_cast<int>(shape.size());
  args.size = 1;
  for (int d = 0; d < args.ndim; ++d) {
    args.shape[d] = shape[static_cast<std::size_t>(d)];
    args.size *= args.shape[d];
  }
  if (args.ndim == 0) {  // one scenario
    args.ndim = 1;
    args.shape[0] = 1;
  }
  check(cudaSetDevice(device), "cudaSetDevice");

  Buffers inputs_on_device;
  args.n_inputs = n_inputs;
  for (int i = 0; i < n_inputs && args.size > 0; ++i) {
    const HostInput& in = inputs[static_cast<std::size_t>(i)];
    const std::int64_t count = in.highest - in.lowest + 1;
    auto* copy = static_cast<double*>(
        inputs_on_device.allocate(static_cast<std::size_t>(count) * sizeof(double), "cudaMalloc"));
    check(cudaMemcpy(copy, in.data + in.lowest, static_cast<std::size_t>(count) * sizeof(double),
                     cudaMemcpyHostToDevice),
          "copy of an input to the device");
    args.data[i] = copy - in.lowest;
    for (int d = 0; d < args.ndim; ++d)
      args.strides[i][d] = d < static_cast<int>(in.strides.size()) ? in.strides[static_cast<std::size_t>(d)] : 0;
  }

  DeviceResult result;
  result.size = args.size;
  Buffers outputs_on_device;
  args.n_outputs = n_outputs;
  for (int o = 0; o < n_outputs; ++o) {
    args.fields[o] = output_fields[static_cast<std::size_t>(o)];
    args.outputs[o] = static_cast<double*>(outputs_on_device.allocate(
        static_cast<std::size_t>(args.size) * sizeof(double), "cudaMalloc of an output"));
  }
  args.nonfinite = static_cast<unsigned long long*>(inputs_on_device.allocate(
      static_cast<std::size_t>(n_outputs > 0 ? n_outputs : 1) * sizeof(unsigned long long),
      "cudaMalloc"));
  check(cudaMemset(args.nonfinite, 0, static_cast<std::size_t>(n_outputs > 0 ? n_outputs : 1) *
                                          sizeof(unsigned long long)),
        "cudaMemset");

  if (args.size > 0) {
    if (kernel == Kernel::Train)
      launch<TrainIn, TrainOut, train_point>(args);
    else
      launch<ServeIn, ServeOut, serve_point>(args);
  }
  check(cudaDeviceSynchronize(), "kernel");

  std::vector<unsigned long long> counts(static_cast<std::size_t>(n_outputs > 0 ? n_outputs : 1));
  check(cudaMemcpy(counts.data(), args.nonfinite, counts.size() * sizeof(unsigned long long),
                   cudaMemcpyDeviceToHost),
        "copy of the non-finite counts");
  for (int o = 0; o < n_outputs; ++o) {
    result.outputs.push_back(args.outputs[o]);
    result.nonfinite.push_back(static_cast<std::int64_t>(counts[static_cast<std::size_t>(o)]));
  }
  outputs_on_device.owned.clear();  // handed to the caller
  return result;
}

void copy_to_host(const double* device_data, double* host, std::int64_t n) {
  check(cudaMemcpy(host, device_data, static_cast<std::size_t>(n) * sizeof(double),
                   cudaMemcpyDeviceToHost),
        "copy of an output to the host");
}

void release(double* device_data) noexcept {
  if (device_data != nullptr) cudaFree(device_data);
}

}  // namespace cd::cuda
