#pragma once
// Where a computation that runs either on the GPU's compute shaders or in the CPU's lanes runs:
// a basin map (--basins-device, app/cli/basins_device.hpp) and a swarm of more than 10,000
// (--swarm-device, compute/use_gpu_swarms.hpp). One table of the names, their help and parsing.
#include <optional>
#include <string>
#include <vector>

namespace losscape {

enum class ComputeDevice { cpu, gpu, automatic };

struct ComputeDeviceName {
  const char* name;  // as the flags take it
  ComputeDevice device;
  const char* help;
};
const std::vector<ComputeDeviceName>& compute_device_names();
std::optional<ComputeDevice> parse_compute_device(const std::string& name);
// "cpu, gpu or auto".
std::string compute_device_choices();
// "cpu (the CPU's lanes on every core), gpu (...), auto (...)": a flag's help.
std::string compute_device_help();

}  // namespace losscape
