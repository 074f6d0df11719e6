#pragma once
// The view settings' one table: a row per setting of ViewSettings (scene.hpp) with how a scene
// file's "render" object, the command line and the panel's View section name it. The scene
// reader and writer, the command line and the panel each go through the rows, so a new view
// setting is a member of ViewSettings and a row here. The rows are in the order scene files
// write the settings, which the panel and --help follow too.
#include "engine/scene/scene.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace losscape {

struct ViewField {
  // In a scene file's "render" object: "trails", or "arrows.gradient" inside "arrows".
  const char* key = nullptr;
  const char* alias = nullptr;  // also read: the American spelling
  // A group's switch that is on when the group is given without it: "basins": {} shows the map.
  bool on_with_group = false;

  // The value is one of these: a switch, a name or text, a number; the terrain mesh is a name
  // ("auto:257") or a number (64).
  bool ViewSettings::*on_off = nullptr;
  // A name from this list, or where there is none, text (the mesh: "auto", "auto:257", "64").
  const std::vector<std::string>& (*names)() = nullptr;
  // The value as text, empty for the default that files leave out; setting it, false for text
  // that is no valid value.
  std::string (*text)(const ViewSettings&) = nullptr;
  bool (*set_text)(const std::string&, ViewSettings&) = nullptr;
  // A number from lo to hi (a whole one where `whole`); none: as text.
  std::optional<double> (*number)(const ViewSettings&) = nullptr;
  void (*set_number)(ViewSettings&, double) = nullptr;
  double lo = 0.0, hi = 0.0;
  bool whole = false;

  // A file's message for an unknown name: "unknown colour map 'jet' (valid: ...)" (noun none:
  // "unknown 'jet' (valid: ...)"); for text that is not valid: "expected ..., got 7".
  const char* noun = nullptr;
  const char* expected_in_file = nullptr;

  // The command line: the flag as CLI11 takes it ("--colourbar,!--no-colourbar"), or none; its
  // help; and "invalid --theme 'x': expected dark or light" (none: "expected" and the names).
  const char* flag = nullptr;
  const char* flag_help = nullptr;
  const char* expected_on_command_line = nullptr;

  // The panel's View section: the control's label, or none (the setting is elsewhere in the
  // panel, or only in files); its tooltip; the names as the panel shows them, where they differ;
  // and whether the next row's control follows on the same line.
  const char* label = nullptr;
  const char* tooltip = nullptr;
  std::vector<std::string> labels = {};
  bool same_line = false;
};

const std::vector<ViewField>& view_fields();

// The group and the name of a file key: "arrows" and "gradient"; "" and "trails".
std::pair<std::string, std::string> split_view_key(const std::string& key);
// The command line's message for a value the field does not take:
// "invalid --theme 'blue': expected dark or light".
std::string invalid_view_flag(const ViewField& field, const std::string& value);

// Colouring by basin as files write it: the basin map shown fully opaque over height's colours,
// which every version reads; and that form read back as colouring by basin, so a saved scene
// reopens as it was saved and the panel says what the terrain shows. Each undoes the other.
ViewSettings view_as_written(ViewSettings view);
void view_as_read(ViewSettings& view);

}  // namespace losscape
