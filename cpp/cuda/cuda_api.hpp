// computedivide, optional CUDA path: the host interface of cpp/cuda/kernels.cu.
//
// Plain C++ (no CUDA types), so that the _cuda Python module is compiled by
// the host compiler and only kernels.cu by nvcc. Every function throws
// std::runtime_error with CUDA's own message when a CUDA call fails.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "computedivide/reduction.hpp"

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
// values of value_bytes each: 8 for float64, 4 for float32; release()
// them), and per output the count of values that are not finite.
struct DeviceResult {
  std::vector<void*> outputs;
  std::vector<std::int64_t> nonfinite;
  std::int64_t size = 0;
  std::size_t value_bytes = sizeof(double);
};

// Evaluates `kernel` over the grid `shape` on `device`: copies each input's
// span to the device, runs one thread per scenario, and leaves the outputs
// `output_fields` (indices into the kernel's outputs) on the device, as
// float64, or rounded to float32 where `float32`.
DeviceResult evaluate(Kernel kernel, const std::vector<std::int64_t>& shape,
                      const std::vector<HostInput>& inputs,
                      const std::vector<int>& output_fields, bool float32, int device);

// Reduces `kernel` over the grid on `device`, as cd::reduce does on the CPU
// (the same state layout, the same results; sums up to the reassociation of
// compensated partial sums): the grid is ordered kept-first, with
// reduced_size points per kept cell; states[j] is host memory of cells x
// width(j) doubles, written at the end. Cells are launched about
// chunk_points points at a time, and after_chunk(done, total) runs on the
// calling thread after each launch (it may throw to stop). Returns the count
// of non-finite values per reduction (skipped).
std::vector<std::int64_t> reduce(Kernel kernel, const std::vector<std::int64_t>& shape,
                                 const std::vector<HostInput>& inputs,
                                 const std::vector<Reduction>& reductions,
                                 std::int64_t reduced_size, const std::vector<double*>& states,
                                 std::int64_t chunk_points, int device,
                                 const std::function<void(std::int64_t, std::int64_t)>& after_chunk);

// What the GPU reaches, measured: bytes written per second (cudaMemset of
// 2 GiB, best of 5) and FP64 FLOP per second (fused multiply-add chains).
struct Limits {
  double write_bytes_per_s = 0.0;
  double fp64_flops_per_s = 0.0;
};
Limits measure_limits(int device);

// Copies `bytes` from device to host memory.
void copy_to_host(const void* device_data, void* host, std::size_t bytes);

// Frees a buffer of DeviceResult::outputs (no-op for nullptr).
void release(void* device_data) noexcept;

}  // namespace cd::cuda
