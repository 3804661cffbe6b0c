// The static library of the core: one compiled instance of each kernel.
#include "computedivide/grid.hpp"

namespace cd {

template std::vector<std::int64_t> evaluate<TrainKernel>(
    std::vector<std::int64_t>, std::vector<StridedInput>,
    const std::vector<double*>&, int);
template std::vector<std::int64_t> evaluate<ServeKernel>(
    std::vector<std::int64_t>, std::vector<StridedInput>,
    const std::vector<double*>&, int);

}  // namespace cd
