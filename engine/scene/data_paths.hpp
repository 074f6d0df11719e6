#pragma once
// Where the files the program reads at run time are: shaders/, assets/ (sample data, fonts) and
// scenes/ (the gallery). Decided here alone, so the renderer, the fonts and the data-backed
// functions agree whether the binary is installed, runs from its build folder or is pointed
// elsewhere. Plain files only: no GL.
#include <filesystem>

namespace losscape {

// The folder holding shaders/, assets/ and scenes/: the first of
//   $LOSSCAPE_DATA, when set;
//   PREFIX/share/losscape for a binary in PREFIX/bin (an installed one), when that folder exists;
//   the source tree, for a binary inside the build folder it was built in (so shaders edited
//   there reload while it runs);
//   PREFIX/share/losscape all the same, so that a message about a missing file names where the
//   files were expected.
std::filesystem::path data_directory();

// $LOSSCAPE_SHADER_DIR when set, else data_directory()/shaders.
std::filesystem::path shader_directory();
// $LOSSCAPE_ASSET_DIR when set, else data_directory()/assets.
std::filesystem::path asset_directory();
// The gallery of scenes shipped with the program (data_directory()/scenes): the panel's menu.
std::filesystem::path gallery_directory();

}  // namespace losscape
