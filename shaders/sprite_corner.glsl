// The corner of a sprite's one triangle (sprite_batch.hpp) that this vertex is: an equilateral
// triangle around the unit circle (its corners at distance 2 from the centre), so a sprite holds
// a disc of radius 1 in these units, as a square from -1 to 1 would, in one triangle, not two.
vec2 sprite_corner() {
    int c = gl_VertexID % 3;
    return c == 0 ? vec2(0.0, 2.0) : vec2(c == 1 ? -1.7320508 : 1.7320508, -1.0);
}
