// computedivide, optional CUDA path: the host interface of cpp/cuda/kernels.cu.
//
// Plain C++ (no CUDA types), so that the _cuda Python module is compiled by
// the host compiler and only kernels.cu by nvcc. Every function throws
// std::runtime_error with CUDA's own message when a CUDA call fails.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cd::cuda {

// Grids of at most this many dimensions, kernels of at most this many inputs
// and outputs (the kernel's arguments are passed by value).
inline constexpr int kMaxDims = 8;
inline constexpr int kMaxInputs = 40;
inline constexpr int kMaxOutputs = 16;

enum class Kernel : int { Train = 0, Serve = 1 };

// One input on the host: its data and its strides in elements; it is read
// at offsets data[lowest .. highest] (the strides may be 0 or negative).
struct HostInput {
  const double* data = nullptr;
  std::vector<std::int64_t> strides;
  std::int64_t lowest = 0;
  std::int64_t highest = 0;
};

// How many CUDA devices this process sees (0 without a driver or device).
int device_count() noexcept;

// "NVIDIA H100 80GB HBM3, compute 9.0, 79.6 GiB" for device `device`.
std::string describe(int device);

// A grid's outputs in device memory: one buffer per wanted output (size
// doubles each; release() them), and per output the count of values that
// are not finite.
struct DeviceResult {
  std::vector<double*> outputs;
  std::vector<std::int64_t> nonfinite;
  std::int64_t size = 0;
};

// Evaluates `kernel` over the grid `shape` on `device`: copies each input's
// span to the device, runs one thread per scenario, and leaves the outputs
// `output_fields` (indices into the kernel's outputs) on the device.
DeviceResult evaluate(Kernel kernel, const std::vector<std::int64_t>& shape,
                      const std::vector<HostInput>& inputs,
                      const std::vector<int>& output_fields, int device);

// Copies n doubles from device to host memory.
void copy_to_host(const double* device_data, double* host, std::int64_t n);

// Frees a buffer of DeviceResult::outputs (no-op for nullptr).
void release(double* device_data) noexcept;

}  // namespace cd::cuda
