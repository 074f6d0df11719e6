#version 330 core
// One triangle per ball (sprite_batch.hpp), turned to face the eye and just large enough to hold
// the sphere's outline under perspective; ball.frag ray-casts the sphere inside it. Ten thousand
// balls cost ten thousand triangles, not ten million.
layout(location = 0) in vec4 a_sphere;  // centre xyz (world), radius
layout(location = 1) in vec4 a_colour;  // rgb, alpha
uniform mat4 u_view_projection;
uniform vec3 u_eye;
#include "clip_box.glsl"
#include "sprite_corner.glsl"
out vec3 v_world;
flat out vec4 v_sphere;
flat out vec4 v_colour;
void main() {
    vec2 corner = sprite_corner();
    vec3 centre = a_sphere.xyz;
    float r = a_sphere.w;
    vec3 to_eye = u_eye - centre;
    float d = length(to_eye);
    v_sphere = a_sphere;
    v_colour = a_colour;
    if (d <= r * 1.01 || outside_box(centre)) {  // the eye is inside the ball, or it left the box
        v_world = centre;
        gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
        return;
    }
    vec3 forward = to_eye / d;
    vec3 side = normalize(cross(abs(forward.y) < 0.99 ? vec3(0.0, 1.0, 0.0) : vec3(1.0, 0.0, 0.0), forward));
    vec3 up = cross(forward, side);
    // The outline, seen from distance d, projects onto the plane through the centre as a circle
    // of radius r d / sqrt(d^2 - r^2); a few percent more leaves room for the soft edge.
    float half_size = 1.08 * r * d / sqrt(d * d - r * r);
    v_world = centre + (corner.x * side + corner.y * up) * half_size;
    gl_Position = u_view_projection * vec4(v_world, 1.0);
}
