#version 330 core
#include "clip_box.glsl"
in vec4 v_colour;
in vec3 v_world;
out vec4 frag_colour;
void main() {
    if (outside_box(v_world)) discard;
    frag_colour = v_colour;
}
