#version 330 core
layout(location = 0) in vec3 a_position;
layout(location = 1) in vec3 a_normal;   // from the exact gradient of f
layout(location = 2) in float a_height;  // normalised transformed height; < 0 where f is undefined
layout(location = 3) in float a_slope;   // |grad f| mapped to [0, 1] (TerrainMapping::normalized_slope)
uniform mat4 u_view_projection;
out vec3 v_position;
out vec3 v_normal;
out float v_height;
out float v_slope;
void main() {
    v_position = a_position;
    v_normal = a_normal;
    v_height = a_height;
    v_slope = a_slope;
    gl_Position = u_view_projection * vec4(a_position, 1.0);
}
