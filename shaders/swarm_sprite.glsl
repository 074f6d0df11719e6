// A swarm member's one triangle (sprite_corner.glsl), for swarm_ball.frag: drawn as ball.vert and
// ball.frag draw a ball, but cheaper to shade (on a software renderer a thousand ray-cast balls
// cost a tenth of a frame). swarm_ball.frag finds the normal from where the pixel lies within the
// outline, as the ball looks from far away, and lights it as seen from far away too (the eye in
// one direction across the ball): a swarm's balls are under a hundredth of the view's distance
// across, where the normal is the ray-cast one's to within a degree at the outline and closer
// inside it. Each pixel still takes the depth of the ball's surface there: a plane's depth for
// the whole ball would make a row of touching balls one grey tube, each hiding the others' lit
// tops. Needs u_view_projection, u_eye, u_light_dir and clip_box.glsl.
out vec2 v_local;  // where in the outline, in units of its radius
flat out vec4 v_sphere;
flat out vec4 v_colour;
flat out vec3 v_side;
flat out vec3 v_up;
flat out vec3 v_forward;  // towards the eye
flat out vec3 v_light;    // towards the light, unit length
flat out vec3 v_half;     // halfway between the light and the eye

// Corner `corner` of the triangle of the ball at `centre` (world) of radius `r`: it lies in the
// plane touching the ball's nearest point, facing the eye, just large enough to hold the ball's
// outline there. Not drawn when the eye is inside the ball or the ball left the box.
void place_swarm_ball(vec3 centre, float r, vec4 colour, vec2 corner) {
    vec3 to_eye = u_eye - centre;
    float d = length(to_eye);
    v_colour = colour;
    v_sphere = vec4(centre, r);
    v_local = vec2(0.0);
    v_side = v_up = v_forward = v_light = v_half = vec3(0.0);
    if (d <= r * 1.01 || outside_box(centre)) {
        gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
        return;
    }
    vec3 forward = to_eye / d;
    vec3 side = normalize(cross(abs(forward.y) < 0.99 ? vec3(0.0, 1.0, 0.0) : vec3(1.0, 0.0, 0.0), forward));
    vec3 up = cross(forward, side);
    v_side = side;
    v_up = up;
    v_forward = forward;
    v_light = normalize(u_light_dir);
    v_half = normalize(v_light + forward);
    // The cone from the eye touching the ball meets the plane at distance d - r from the eye in a
    // circle of radius (d - r) r / sqrt(d^2 - r^2); a few percent more leaves room for the soft edge.
    const float kRoom = 1.08;
    float outline = (d - r) * r / sqrt(d * d - r * r);
    v_local = corner * kRoom;
    vec3 p = centre + forward * r + (corner.x * side + corner.y * up) * (kRoom * outline);
    gl_Position = u_view_projection * vec4(p, 1.0);
}
