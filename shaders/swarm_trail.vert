#version 330 core
// A swarm's trails (trail_renderer.cpp): plain line segments, built on the CPU each frame from
// every member's recent path with the straight stretches merged, so the GPU gets a few thousand
// segments in one draw rather than a thousand instanced strips. Colour and fade come per vertex.
// The segments arrive clipped to the terrain's box, so line.frag draws them with no test a pixel.
layout(location = 0) in vec3 a_position;
layout(location = 1) in vec4 a_colour;  // rgb, and alpha fading with age
uniform mat4 u_view_projection;
uniform vec3 u_lift;             // just above the surface
uniform bool u_on_floor;         // the paths laid flat on the floor's contour map, at u_floor_y
uniform float u_floor_y;
out vec4 v_colour;
void main() {
    vec3 p = a_position;
    if (u_on_floor) p.y = u_floor_y;
    v_colour = a_colour;
    gl_Position = u_view_projection * vec4(p + u_lift, 1.0);
}
