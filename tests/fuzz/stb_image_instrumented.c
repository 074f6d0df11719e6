// stb_image compiled here, from Debian's header, rather than taken from Debian's prebuilt libstb:
// so the height-field fuzzer sees inside the PNG decoder (coverage) and AddressSanitizer checks
// every byte it reads and writes.
#define STB_IMAGE_IMPLEMENTATION
#include <stb_image.h>
