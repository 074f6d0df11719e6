#version 430 core
// A GPU swarm's balls (engine/render/compute/gpu_swarm_renderer.cpp) straight from the compute
// shader's buffers: a CPU swarm's triangle per ball (swarm_sprite.glsl, shaded by
// swarm_ball.frag), but the ball's centre and colour computed here from its point, f and gradient,
// as SceneRenderer::place_ball and ball_display_colour do on the CPU. Ball b is vertices 3b to
// 3b + 2, no vertex buffer at all. With SWARM_POINTS (very many balls: gpu_swarm_renderer.cpp),
// one point per ball instead (swarm_point.glsl), shaded as a sphere by swarm_point.frag.
layout(std430, binding = 0) readonly buffer Positions { dvec2 position[]; };
layout(std430, binding = 1) readonly buffer Values { double value[]; };
layout(std430, binding = 2) readonly buffer Gradients { dvec2 gradient[]; };
layout(std430, binding = 5) readonly buffer Labels { int label[]; };
uniform mat4 u_view_projection;
uniform vec3 u_eye;
uniform vec3 u_light_dir;  // towards the light
uniform float u_radius;       // a running ball's: a grain of sand, smaller the more there are
uniform float u_rest_radius;  // a ball at rest in a minimum's: a CPU swarm's, so the piles show
// TerrainMapping: the domain's centre, half its larger side, the floor, T's range, the height.
uniform dvec2 u_centre;
uniform double u_half_extent;
uniform double u_floor;
uniform float u_t_min, u_t_max, u_height_scale;
uniform bool u_log1p;
// basin_colour(0 ... SWARM_PALETTE - 1) and the colours of labels -1 ... -SWARM_OUTCOMES, both
// sizes defined by gpu_swarm_renderer.cpp, which fills them.
uniform vec3 u_minimum_colour[SWARM_PALETTE];
uniform vec3 u_outcome_colour[SWARM_OUTCOMES];
#include "clip_box.glsl"
#ifdef SWARM_POINTS
#include "swarm_point.glsl"
#else
#include "sprite_corner.glsl"
#include "swarm_sprite.glsl"
#endif

float transformed(double f) { return u_log1p ? log(1.0 + float(max(f - u_floor, 0.0))) : float(f); }
float transformed_slope(double f) { return u_log1p ? 1.0 / (1.0 + float(max(f - u_floor, 0.0))) : 1.0; }

void main() {
#ifdef SWARM_POINTS
    int b = gl_VertexID;
#else
    int b = gl_VertexID / 3;
#endif
    dvec2 p = position[b];
    double f = value[b];
    dvec2 g = gradient[b];
    vec3 ground = vec3(float((p.x - u_centre.x) / u_half_extent), 0.0, float(-(p.y - u_centre.y) / u_half_extent));
    vec3 normal = vec3(0.0, 1.0, 0.0);
    if (!isnan(f) && !isinf(f)) {
        ground.y = (transformed(f) - u_t_min) / (u_t_max - u_t_min) * u_height_scale;
        float k = u_height_scale / (u_t_max - u_t_min) * transformed_slope(f) * float(u_half_extent);
        normal = normalize(vec3(-k * float(g.x), 1.0, k * float(g.y)));
    }
    int l = label[b];
    // The balls at rest in a minimum lie on one another: drawn at a CPU swarm's size, each
    // minimum's pile shows as one ball of its colour (as grains of a pixel they vanish).
    float radius = l >= 0 ? u_rest_radius : u_radius;
    vec3 centre = ground + radius * normal;
    vec3 colour = l >= 0 ? u_minimum_colour[l % SWARM_PALETTE] : u_outcome_colour[min(-l - 1, SWARM_OUTCOMES - 1)];
#ifndef SWARM_POINTS
    place_swarm_ball(centre, radius, vec4(colour, 1.0), sprite_corner());
#else
    place_swarm_point(centre, radius, vec4(colour, 1.0));
#endif
}
