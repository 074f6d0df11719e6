#version 330 core
#include "lighting.glsl"
// A swarm member placed by swarm_sprite.glsl: the normal from the pixel's place within the
// outline, the same one-pixel soft edge (as alpha, blended) as ball.frag's, and its light with the
// eye far away.
in vec2 v_local;
flat in vec4 v_sphere;
flat in vec4 v_colour;
flat in vec3 v_side;
flat in vec3 v_up;
flat in vec3 v_forward;
flat in vec3 v_light;
flat in vec3 v_half;
uniform mat4 u_view_projection;
out vec4 frag_colour;
void main() {
    float q = dot(v_local, v_local);
    float rho = sqrt(q);
    float coverage = clamp((1.0 - rho) / max(fwidth(rho), 1e-7) + 0.5, 0.0, 1.0);
    if (coverage <= 0.0) discard;
    vec3 out_of_plane = sqrt(max(1.0 - q, 0.0)) * v_forward;
    // Leaning a little eyewards at the outline, as ball.frag does (shade() would otherwise flip
    // a normal perpendicular to the eye ray: a dark rim).
    vec3 normal = normalize(v_local.x * v_side + v_local.y * v_up + out_of_plane + 0.05 * v_forward);
    vec4 clip = u_view_projection * vec4(v_sphere.xyz + normal * v_sphere.w, 1.0);
    gl_FragDepth = 0.5 * clip.z / clip.w + 0.5;
    frag_colour = vec4(shade_lit(v_colour.rgb, normal, v_light, v_half, 64.0, 0.6), v_colour.a * coverage);
}
