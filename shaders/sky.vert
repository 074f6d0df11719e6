#version 330 core
// One triangle that covers the screen, made from gl_VertexID: no vertex buffer needed.
uniform vec2 u_rows;  // the part of the whole picture drawn: bottom and height, as fractions of it
out float v_up;
void main() {
    vec2 corner = vec2((gl_VertexID << 1) & 2, gl_VertexID & 2);
    // Half the way up the whole picture at its top (the sky's look), whatever tile is drawn.
    v_up = 0.5 * (u_rows.x + u_rows.y * corner.y);
    // On the far plane: drawn after the terrain, only the pixels nothing covers pass the depth test.
    gl_Position = vec4(corner * 2.0 - 1.0, 1.0, 1.0);
}
