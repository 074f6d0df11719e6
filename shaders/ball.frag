#version 330 core
#include "lighting.glsl"
// The sphere inside ball.vert's square: the eye ray's hit gives the normal and the true depth,
// and the ray's distance from the centre gives a soft edge one pixel wide (as alpha, blended).
in vec3 v_world;
flat in vec4 v_sphere;
flat in vec4 v_colour;
uniform mat4 u_view_projection;
out vec4 frag_colour;
void main() {
    vec3 direction = normalize(v_world - u_eye);
    // The ray is taken from its point on the square, beside the ball, not from the eye: the
    // orthographic top-down view's eye is 60 units away, and |eye - centre|^2 - along^2 in
    // floats then loses the ball's own size (a speckled outline).
    vec3 from_centre = v_world - v_sphere.xyz;
    float r = v_sphere.w;
    float along = dot(direction, from_centre);
    float miss = length(from_centre - along * direction);
    float coverage = clamp((r - miss) / max(fwidth(miss), 1e-7) + 0.5, 0.0, 1.0);
    if (coverage <= 0.0) discard;
    vec3 hit = v_world + direction * (-along - sqrt(max(r * r - miss * miss, 0.0)));
    vec4 clip = u_view_projection * vec4(hit, 1.0);
    gl_FragDepth = 0.5 * clip.z / clip.w + 0.5;
    // At the outline the normal is perpendicular to the eye ray, and shade() would flip it to face
    // the eye as it does for the terrain's underside (a dark rim): lean it a little eyewards.
    vec3 normal = normalize(hit - v_sphere.xyz - 0.05 * r * direction);
    frag_colour = vec4(shade(v_colour.rgb, normal, hit, 64.0, 0.6), v_colour.a * coverage);
}
