// Blinn-Phong with a hemispheric ambient: surfaces facing up take the sky's colour, surfaces
// facing down the ground's bounce, so the side of a hill away from the light still reads.
// Light adds up in linear units, not in the sRGB numbers the colour maps and the screen use:
// the colour is converted to linear, lit, and converted back (gamma-correct), so a slope turning
// away from the light darkens as a real one does instead of falling abruptly to black.
uniform vec3 u_light_dir;  // towards the light, world space, unit length
uniform vec3 u_eye;        // camera position, world space

// Gamma 2 rather than sRGB's 2.2 curve: a square and a square root instead of six pow() calls a
// pixel, 10% of a frame on a software renderer, for a difference no one sees in a lit colour.
vec3 srgb_to_linear(vec3 c) { return c * c; }
vec3 linear_to_srgb(vec3 c) { return sqrt(max(c, vec3(0.0))); }

// `n` the unit normal facing the eye, `l` towards the light, `h` halfway between the light and
// the eye (both unit length).
vec3 shade_lit(vec3 base_colour, vec3 n, vec3 l, vec3 h, float shininess, float specular) {
    float diffuse = max(dot(n, l), 0.0);
    vec3 ambient = mix(vec3(0.05, 0.045, 0.04), vec3(0.22, 0.24, 0.30), 0.5 + 0.5 * n.y);
    float highlight = diffuse > 0.0 ? pow(max(dot(n, h), 0.0), shininess) : 0.0;
    vec3 lit = srgb_to_linear(base_colour) * (ambient + 0.85 * diffuse * vec3(1.0, 0.96, 0.90));
    return linear_to_srgb(lit + specular * highlight);
}

vec3 shade(vec3 base_colour, vec3 normal, vec3 world_position, float shininess, float specular) {
    vec3 n = normalize(normal);
    vec3 v = normalize(u_eye - world_position);
    if (dot(n, v) < 0.0) n = -n;  // the terrain is seen from below too
    vec3 l = normalize(u_light_dir);
    return shade_lit(base_colour, n, l, normalize(l + v), shininess, specular);
}
