// computedivide, optional CUDA kernels: the formulas of metrics.hpp (compiled
// here as __host__ __device__ functions, not copied) evaluated over a
// broadcast grid, one thread per scenario.
//
// Status: the kernels and their launchers compile with nvcc (checked by
// tests/test_cuda_build.py); the `_cuda` Python module, the reductions and
// the GPU tests are still to come (see benchmarks/RESULTS.md and the notes
// of the speed issue).
#include <cstdint>
#include <cuda_runtime.h>

#include "computedivide/metrics.hpp"

namespace cd::cuda {

constexpr int kMaxDims = 8;

// One input: its data and its strides in elements over the grid's
// dimensions (0 along a dimension it does not vary on).
struct Input {
  const double* data;
  std::int64_t strides[kMaxDims];
};

struct Grid {
  int ndim;
  std::int64_t shape[kMaxDims];
  std::int64_t size;
};

// The point functions' structs hold only doubles, in X-macro order, so a
// scenario is filled field by field from an array of inputs.
template <class In, class Out, Out (*Point)(const In&)>
__global__ void evaluate_kernel(const Input* inputs, int n_inputs, Grid grid,
                                double* const* outputs,
                                const int* output_fields, int n_outputs) {
  constexpr int kIn = sizeof(In) / sizeof(double);
  constexpr int kOut = sizeof(Out) / sizeof(double);
  const std::int64_t step = static_cast<std::int64_t>(blockDim.x) * gridDim.x;
  for (std::int64_t flat = blockIdx.x * static_cast<std::int64_t>(blockDim.x) +
                           threadIdx.x;
       flat < grid.size; flat += step) {
    std::int64_t index[kMaxDims];
    std::int64_t rest = flat;
    for (int d = grid.ndim - 1; d >= 0; --d) {
      index[d] = rest % grid.shape[d];
      rest /= grid.shape[d];
    }
    double in_values[kIn];
    for (int k = 0; k < kIn && k < n_inputs; ++k) {
      std::int64_t offset = 0;
      for (int d = 0; d < grid.ndim; ++d) offset += index[d] * inputs[k].strides[d];
      in_values[k] = inputs[k].data[offset];
    }
    In in;
    memcpy(&in, in_values, sizeof(In));
    const Out out = Point(in);
    double out_values[kOut];
    memcpy(out_values, &out, sizeof(Out));
    for (int o = 0; o < n_outputs; ++o) outputs[o][flat] = out_values[output_fields[o]];
  }
}

// Host launchers: device pointers in, cudaError_t out.
template <class In, class Out, Out (*Point)(const In&)>
cudaError_t launch(const Input* inputs, int n_inputs, const Grid& grid,
                   double* const* outputs, const int* output_fields,
                   int n_outputs, cudaStream_t stream) {
  if (grid.size == 0) return cudaSuccess;
  const int threads = 256;
  const std::int64_t wanted = (grid.size + threads - 1) / threads;
  const int blocks = static_cast<int>(wanted < 65535 * 32 ? wanted : 65535 * 32);
  evaluate_kernel<In, Out, Point><<<blocks, threads, 0, stream>>>(
      inputs, n_inputs, grid, outputs, output_fields, n_outputs);
  return cudaGetLastError();
}

cudaError_t launch_train(const Input* inputs, int n_inputs, const Grid& grid,
                         double* const* outputs, const int* output_fields,
                         int n_outputs, cudaStream_t stream) {
  return launch<TrainIn, TrainOut, train_point>(inputs, n_inputs, grid, outputs,
                                                output_fields, n_outputs, stream);
}

cudaError_t launch_serve(const Input* inputs, int n_inputs, const Grid& grid,
                         double* const* outputs, const int* output_fields,
                         int n_outputs, cudaStream_t stream) {
  return launch<ServeIn, ServeOut, serve_point>(inputs, n_inputs, grid, outputs,
                                                output_fields, n_outputs, stream);
}

}  // namespace cd::cuda
