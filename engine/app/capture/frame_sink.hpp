#pragma once
// Where a recording's frames go: an MP4 (H.264, yuv420p: plays in PowerPoint and browsers) or a
// palette-optimised GIF, both made by ffmpeg from raw frames piped into it, or a folder of
// numbered PNGs. Frames are handed to a writer thread (a few at a time), so drawing the next
// frame overlaps encoding the last.
#include "engine/render/render_target.hpp"

#include <memory>
#include <string>

namespace losscape {

enum class RecordingFormat { mp4, gif, png_sequence };

// The format a path asks for: .mp4, .gif, or a folder (one that exists, or a path ending in /
// or without an extension); an error for anything else.
Result<RecordingFormat> recording_format(const std::string& path);

// True when an `ffmpeg` program runs on this machine.
bool ffmpeg_available();

class FrameSink {
 public:
  virtual ~FrameSink() = default;
  // Queues a frame (all frames the same size); an error if writing failed.
  virtual Status write(Image frame) = 0;
  // Waits for every frame to be written and closes the file.
  virtual Status finish() = 0;
};

// Opens `path` for width x height frames at `fps`; or a one-line error (no ffmpeg, an unwritable
// folder, ...).
Result<std::unique_ptr<FrameSink>> open_frame_sink(const std::string& path, RecordingFormat format, int width,
                                                   int height, int fps);

}  // namespace losscape
