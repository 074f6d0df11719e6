#version 330 core
#include "lighting.glsl"
// A big swarm's ball as one point (swarm_point.glsl, for gpu_swarm.vert with SWARM_POINTS and
// swarm_point.vert): the sphere's normal from where the fragment lies in the point, lit as
// ball.frag lights a ball. A million balls a pixel or two wide each cost one vertex, not three.
in vec3 v_world;
flat in vec4 v_sphere;
flat in vec4 v_colour;
flat in vec3 v_side;
flat in vec3 v_up;
out vec4 frag_colour;
void main() {
    vec2 q = gl_PointCoord * 2.0 - 1.0;
    q.y = -q.y;
    float rr = dot(q, q);
    if (rr > 1.0) discard;
    vec3 forward = normalize(u_eye - v_sphere.xyz);
    vec3 normal = q.x * v_side + q.y * v_up + sqrt(1.0 - rr) * forward;
    frag_colour = vec4(shade(v_colour.rgb, normal, v_sphere.xyz + v_sphere.w * normal, 64.0, 0.6), v_colour.a);
}
