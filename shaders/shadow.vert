#version 330 core
// A ball's shadow: a triangle lying on the terrain under it (sprite_batch.hpp), in the surface's
// tangent plane there, shifted away from the light as far as the ball's height above the ground
// casts it. shadow.frag makes it a soft disc. Thousands cost thousands of small triangles.
layout(location = 0) in vec4 a_ground;  // the point of the terrain under the ball (world), radius
layout(location = 1) in vec4 a_normal;  // the terrain's normal there, the shadow's darkness
uniform mat4 u_view_projection;
uniform vec3 u_light_dir;  // towards the light
#include "sprite_corner.glsl"
out vec2 v_local;          // in units of the disc's radius, 0 at its centre
out vec3 v_world;
flat out float v_strength;
void main() {
    vec2 corner = sprite_corner();
    vec3 n = normalize(a_normal.xyz);
    vec3 t = normalize(cross(abs(n.y) < 0.99 ? vec3(0.0, 1.0, 0.0) : vec3(1.0, 0.0, 0.0), n));
    vec3 b = cross(n, t);
    float r = a_ground.w;
    // The ball's centre is r above the ground along n; its shadow lands where the light's ray
    // through the centre meets the tangent plane: r along the light's part within the plane,
    // divided by how steeply the light falls on it.
    vec3 l = normalize(u_light_dir);
    float facing = max(dot(l, n), 0.35);
    vec3 shift = -(l - dot(l, n) * n) * (r / facing);
    // shadow.frag's disc fades below its cut-off (alpha 0.003 at strength 1) before 1.56 radii:
    // a triangle holding that disc and no more (a larger one cost pixels that are all discarded).
    const float kExtent = 1.56;  // in radii
    float half_size = kExtent * r;
    v_local = corner * kExtent;
    v_world = a_ground.xyz + shift + (corner.x * t + corner.y * b) * half_size + n * (0.04 * r);
    v_strength = a_normal.w;
    gl_Position = u_view_projection * vec4(v_world, 1.0);
}
