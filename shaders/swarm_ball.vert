#version 330 core
// A swarm member: a small ball, drawn as ball.vert and ball.frag draw one but cheaper to shade
// (on a software renderer a thousand ray-cast balls cost a tenth of a frame). swarm_ball.frag
// finds the normal from where the pixel lies within the outline, as the ball looks from far
// away, and lights it as seen from far away too (the eye in one direction across the ball): a
// swarm's balls are under a hundredth of the view's distance across, where the normal is the
// ray-cast one's to within a degree at the outline and closer inside it. Each pixel still takes
// the depth of the ball's surface there: a plane's depth for the whole ball would make a row of
// touching balls one grey tube, each hiding the others' lit tops.
layout(location = 0) in vec4 a_sphere;  // centre xyz (world), radius
layout(location = 1) in vec4 a_colour;  // rgb, alpha
uniform mat4 u_view_projection;
uniform vec3 u_eye;
uniform vec3 u_light_dir;  // towards the light
#include "clip_box.glsl"
#include "sprite_corner.glsl"
out vec2 v_local;  // where in the outline, in units of its radius
flat out vec4 v_sphere;
flat out vec4 v_colour;
flat out vec3 v_side;
flat out vec3 v_up;
flat out vec3 v_forward;  // towards the eye
flat out vec3 v_light;    // towards the light, unit length
flat out vec3 v_half;     // halfway between the light and the eye
void main() {
    vec2 corner = sprite_corner();
    vec3 centre = a_sphere.xyz;
    float r = a_sphere.w;
    vec3 to_eye = u_eye - centre;
    float d = length(to_eye);
    v_colour = a_colour;
    v_sphere = a_sphere;
    v_local = vec2(0.0);
    v_side = v_up = v_forward = v_light = v_half = vec3(0.0);
    if (d <= r * 1.01 || outside_box(centre)) {  // the eye is inside the ball, or it left the box
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
