#version 330 core
#include "clip_box.glsl"
// Dark in the middle, fading to nothing a little past the ball's radius: a contact shadow.
in vec2 v_local;
in vec3 v_world;
flat in float v_strength;
out vec4 frag_colour;
void main() {
    if (outside_box(v_world)) discard;
    float d = length(v_local);
    float alpha = v_strength * (1.0 - smoothstep(0.25, 1.6, d));
    if (alpha <= 0.003) discard;
    frag_colour = vec4(0.0, 0.0, 0.0, alpha);
}
