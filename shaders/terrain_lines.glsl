// Lines the fragment shader draws on the terrain: contours (integer values of the scaled
// height) and the wireframe (integer values of the grid coordinates). Drawing them here rather
// than as line geometry costs no second pass and no depth fight with the surface, and a line
// is the same number of pixels wide near and far, anti-aliased over about one pixel by the
// screen-space derivative of its coordinate.

// How much of this pixel is covered by the nearest line at an integer value of `coordinate`,
// `width_px` (>= 1) pixels wide. Where lines crowd closer than about 4 px (far away, grazing
// views, steep walls) they fade out: packed lines would alias into moire and shimmer as the
// camera moves, and could not be told apart anyway.
float line_coverage(float coordinate, float width_px) {
    // The length of the gradient rather than fwidth's |dx| + |dy|, so that diagonal lines are
    // as thin as straight ones.
    float pixels_per_unit = 1.0 / max(length(vec2(dFdx(coordinate), dFdy(coordinate))), 1e-7);
    float distance_px = abs(fract(coordinate + 0.5) - 0.5) * pixels_per_unit;
    float coverage = clamp(0.5 * width_px + 0.5 - distance_px, 0.0, 1.0);
    return coverage * smoothstep(2.5, 4.5, pixels_per_unit);
}

// Ink that reads on `ground` (an unlit colour-map colour): near black on light colours, near
// white on dark ones. Decided by the unlit colour, so a contour keeps one ink all along.
vec3 line_ink(vec3 ground) {
    return dot(ground, vec3(0.2126, 0.7152, 0.0722)) > 0.4 ? vec3(0.05) : vec3(0.95);
}
