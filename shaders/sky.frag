#version 330 core
// The sky's gradient, in the theme's colours (engine/render/theme_colours.cpp).
in float v_up;  // 0 at the bottom of the screen, 1 at the top
uniform vec3 u_horizon;
uniform vec3 u_zenith;
out vec4 frag_colour;
void main() {
    frag_colour = vec4(mix(u_horizon, u_zenith, smoothstep(0.0, 1.0, v_up)), 1.0);
}
