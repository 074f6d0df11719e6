#pragma once
// The panel's Record section: the file name's template, length, frame rate, size and orbit of a
// recording, and the running one's progress.
#include "engine/app/capture/recording.hpp"
#include "engine/app/panels/panel_context.hpp"

namespace losscape {

struct RecordingPanel {
  struct Settings {
    char name_template[256] = "losscape-{scene}-{date}-{time}.mp4";
    float seconds = 10.0f;  // 0: until stopped
    int fps = 30;
    int size = 0;  // 0: the window's, else an index into kPictureSizes
    float orbit = 0.0f;
  } settings;

  // `running`: the recording under way, if any; `finishing`: one whose file is being completed.
  void build(PanelContext& context, const Recording* running, bool finishing);
};

}  // namespace losscape
