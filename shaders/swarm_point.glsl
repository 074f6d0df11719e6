// A big swarm's ball as one point, for swarm_point.frag: beyond kLargestSwarmOfBalls members
// (scene_renderer.hpp) the balls are grains a pixel or two wide, and a point costs one vertex
// where a triangle (swarm_sprite.glsl) costs three. Used by gpu_swarm.vert (a GPU swarm, from its
// buffers) and swarm_point.vert (a swarm in the CPU's lanes, or of Ball members, placed on the
// CPU), so a big swarm looks the same wherever it runs. Needs u_view_projection, u_eye,
// u_viewport and clip_box.glsl.
uniform vec2 u_viewport;  // pixels
out vec3 v_world;
flat out vec4 v_sphere;
flat out vec4 v_colour;
flat out vec3 v_side;
flat out vec3 v_up;

void place_swarm_point(vec3 centre, float radius, vec4 colour) {
    v_sphere = vec4(centre, radius);
    v_colour = colour;
    v_world = centre;
    v_side = v_up = vec3(0.0);
    vec3 to_eye = u_eye - centre;
    float d = length(to_eye);
    if (d <= radius * 1.01 || outside_box(centre)) {
        gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
        gl_PointSize = 1.0;
        return;
    }
    vec3 forward = to_eye / d;
    v_side = normalize(cross(abs(forward.y) < 0.99 ? vec3(0.0, 1.0, 0.0) : vec3(1.0, 0.0, 0.0), forward));
    v_up = cross(forward, v_side);
    // One point per ball, as wide as the ball's outline on screen (the radius projected beside
    // the centre); below a pixel, its colour fades by the share of the pixel the ball covers.
    gl_Position = u_view_projection * vec4(centre, 1.0);
    vec4 beside = u_view_projection * vec4(centre + v_up * radius, 1.0);
    float radius_pixels = length((beside.xy / beside.w - gl_Position.xy / gl_Position.w) * 0.5 * u_viewport);
    gl_PointSize = max(2.0 * radius_pixels, 1.0);
    v_colour.a = colour.a * min(4.0 * radius_pixels * radius_pixels, 1.0);
}
