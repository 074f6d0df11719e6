#include "engine/render/compute_device.hpp"

namespace losscape {

const std::vector<ComputeDeviceName>& compute_device_names() {
  static const std::vector<ComputeDeviceName> names = {
      {"cpu", ComputeDevice::cpu, "the CPU's lanes on every core"},
      {"gpu", ComputeDevice::gpu, "compute shaders (OpenGL 4.3); an error where there are none"},
      {"auto", ComputeDevice::automatic, "the GPU where it has compute shaders and is not software GL, else the CPU"},
  };
  return names;
}

std::optional<ComputeDevice> parse_compute_device(const std::string& name) {
  for (const ComputeDeviceName& row : compute_device_names()) {
    if (name == row.name) return row.device;
  }
  return std::nullopt;
}

std::string compute_device_choices() {
  std::string choices;
  const auto& names = compute_device_names();
  for (std::size_t i = 0; i < names.size(); ++i) {
    choices += i == 0 ? "" : (i + 1 == names.size() ? " or " : ", ");
    choices += names[i].name;
  }
  return choices;
}

std::string compute_device_help() {
  std::string help;
  for (const ComputeDeviceName& row : compute_device_names()) {
    help += (help.empty() ? "" : ", ") + std::string(row.name) + " (" + row.help + ")";
  }
  return help;
}

}  // namespace losscape
