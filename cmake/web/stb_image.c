/* stb_image's implementation for the browser build (the desktop links Debian's libstb). */
#define STB_IMAGE_IMPLEMENTATION
#include <stb_image.h>
