#version 330 core
// Trails from the GPU's own copy of every ball's recent path (trail_renderer.cpp): instance =
// ball, every 6 vertices = one piece of its path, drawn as a ribbon that faces the eye. Nothing
// here is rebuilt per frame on the CPU; pieces past a ball's visible length collapse off screen.
uniform samplerBuffer u_points;  // world points, each ball's ring at its own offset
uniform samplerBuffer u_tracks;  // 3 texels per ball, see TrailRenderer::Track
uniform int u_first_track;       // the group being drawn starts here
uniform mat4 u_view_projection;
uniform vec3 u_eye;
uniform vec3 u_lift;             // just above the surface
uniform float u_fade;            // alpha of the oldest piece (the newest is 1)
out vec4 v_colour;
void main() {
    int track = (u_first_track + gl_InstanceID) * 3;
    vec4 ring = texelFetch(u_tracks, track);      // offset, capacity, oldest, visible points
    vec4 tip = texelFetch(u_tracks, track + 1);   // where the ball is now; w > 0 if it counts
    vec4 colour = texelFetch(u_tracks, track + 2);  // rgb, half width
    int offset = int(ring.x), capacity = int(ring.y), oldest = int(ring.z), visible = int(ring.w);
    bool has_tip = tip.w > 0.5;
    int pieces = visible - 1 + (has_tip ? 1 : 0);
    int piece = gl_VertexID / 6, corner = gl_VertexID % 6;
    if (piece >= pieces) {
        v_colour = vec4(0.0);
        gl_Position = vec4(2.0, 2.0, 2.0, 1.0);  // outside the clip volume: nothing drawn
        return;
    }
    vec3 a = texelFetch(u_points, offset + (oldest + piece) % capacity).xyz;
    vec3 b = piece + 1 < visible ? texelFetch(u_points, offset + (oldest + piece + 1) % capacity).xyz : tip.xyz;
    a += u_lift;
    b += u_lift;
    // Corners a-, a+, b+, a-, b+, b-: two triangles.
    bool at_b = corner == 2 || corner == 4 || corner == 5;
    float side_sign = (corner == 1 || corner == 2 || corner == 4) ? 1.0 : -1.0;
    vec3 across = cross(b - a, u_eye - a);
    float across_length = length(across);
    vec3 side = across_length > 1e-12 ? across * (colour.w / across_length) : vec3(0.0);
    float age = float(piece + (at_b ? 1 : 0)) / float(pieces + 1);  // 0 oldest, 1 newest
    v_colour = vec4(colour.rgb, u_fade + (1.0 - u_fade) * age);
    gl_Position = u_view_projection * vec4((at_b ? b : a) + side_sign * side, 1.0);
}
