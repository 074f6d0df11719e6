#version 330 core
// Trails from the GPU's own copy of every ball's recent path (trail_renderer.cpp): instance =
// ball, every 6 vertices = one piece of its path, drawn as a ribbon that faces the eye. Nothing
// here is rebuilt per frame on the CPU; pieces past a ball's visible length collapse off screen.
// (A swarm's thin trails are lines: swarm_trail.vert.)
// Per ball (instanced attributes: far cheaper to fetch on a software renderer than texels).
layout(location = 0) in vec4 a_ring;    // offset, capacity, oldest, visible points
layout(location = 1) in vec4 a_tip;     // where the ball is now; w > 0 if it counts
layout(location = 2) in vec4 a_colour;  // rgb, half width
// World points, each ball's ring at its own offset: a buffer texture, or in WebGL2, which has
// none, rows of a 2D float texture POINTS_PER_ROW wide (trail_renderer.cpp defines it).
#ifdef GL_ES
uniform highp sampler2D u_points;
vec4 point_at(int i) { return texelFetch(u_points, ivec2(i % POINTS_PER_ROW, i / POINTS_PER_ROW), 0); }
#else
uniform samplerBuffer u_points;
vec4 point_at(int i) { return texelFetch(u_points, i); }
#endif
uniform mat4 u_view_projection;
uniform vec3 u_eye;
uniform vec3 u_lift;             // just above the surface
uniform float u_fade;            // alpha of the oldest piece (the newest is 1)
uniform bool u_on_floor;         // the paths laid flat on the floor's contour map, at u_floor_y
uniform float u_floor_y;
out vec4 v_colour;
out vec3 v_world;
void main() {
    vec4 ring = a_ring, tip = a_tip, colour = a_colour;
    int offset = int(ring.x), capacity = int(ring.y), oldest = int(ring.z), visible = int(ring.w);
    bool has_tip = tip.w > 0.5;
    int pieces = visible - 1 + (has_tip ? 1 : 0);
    int piece = gl_VertexID / 6, corner = gl_VertexID % 6;
    if (piece >= pieces) {
        v_colour = vec4(0.0);
        v_world = vec3(0.0);
        gl_Position = vec4(2.0, 2.0, 2.0, 1.0);  // outside the clip volume: nothing drawn
        return;
    }
    // Ribbon corners a-, a+, b+, a-, b+, b-: two triangles.
    bool at_b = corner == 2 || corner == 4 || corner == 5;
    float side_sign = (corner == 1 || corner == 2 || corner == 4) ? 1.0 : -1.0;
    // The point this vertex sits on, and the other end, for the ribbon's width.
    int here = piece + (at_b ? 1 : 0);
    vec3 p = here < visible ? point_at(offset + (oldest + here) % capacity).xyz : tip.xyz;
    int there = piece + (at_b ? 0 : 1);
    vec3 q = there < visible ? point_at(offset + (oldest + there) % capacity).xyz : tip.xyz;
    vec3 a = at_b ? q : p, b = at_b ? p : q;
    if (u_on_floor) {
        p.y = u_floor_y;
        a.y = u_floor_y;
        b.y = u_floor_y;
    }
    p += u_lift;
    // Ribbons face the eye; on the floor they lie flat on it, as if drawn on the map.
    vec3 across = cross(b - a, u_on_floor ? vec3(0.0, 1.0, 0.0) : u_eye - a);
    float across_length = length(across);
    vec3 side = across_length > 1e-12 ? across * (colour.w / across_length) : vec3(0.0);
    float age = float(piece + (at_b ? 1 : 0)) / float(pieces + 1);  // 0 oldest, 1 newest
    v_colour = vec4(colour.rgb, u_fade + (1.0 - u_fade) * age);
    v_world = p + side_sign * side;
    gl_Position = u_view_projection * vec4(v_world, 1.0);
}
