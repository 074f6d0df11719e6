// The colour maps a terrain can be painted with, t in [0, 1]. colormap(which, t) picks one by
// the order of enum Colormap (engine/scene/scene.hpp): viridis, magma, cividis, turbo, terrain.
// Pass a compile-time constant (the terrain passes its COLORMAP define), so that only the chosen
// map is compiled: llvmpipe would run every map's code otherwise (terrain_programs.hpp).
// viridis, magma, cividis: perceptually uniform and readable in greyscale; cividis also for red-green
// colour blindness. turbo: a smooth rainbow, for telling many levels apart. terrain: map-maker's
// hypsometric tints (green lowlands, tan and brown hills, white peaks), which everyone reads.

// Viridis as a degree-6 polynomial fit of matplotlib's table (mattz, shadertoy.com/view/WlfXRN,
// CC0): max error 0.013.
vec3 viridis(float t) {
    const vec3 c0 = vec3(0.2777273272234177, 0.005407344544966578, 0.3340998053353061);
    const vec3 c1 = vec3(0.1050930431085774, 1.404613529898575, 1.384590162594685);
    const vec3 c2 = vec3(-0.3308618287255563, 0.214847559468213, 0.09509516302823659);
    const vec3 c3 = vec3(-4.634230498983486, -5.799100973351585, -19.33244095627987);
    const vec3 c4 = vec3(6.228269936347081, 14.17993336680509, 56.69055662738277);
    const vec3 c5 = vec3(4.776384997670288, -13.74514537774601, -65.35303263337234);
    const vec3 c6 = vec3(-5.435455855934631, 4.645852612178535, 26.3124352495832);
    t = clamp(t, 0.0, 1.0);
    return c0 + t * (c1 + t * (c2 + t * (c3 + t * (c4 + t * (c5 + t * c6)))));
}

// magma, cividis and turbo: degree-8 least-squares fits of matplotlib's tables in s = 2t - 1,
// printed by scripts/fit_colormaps.py (which says where the tables come from).
// magma: least-squares degree-8 fit, max error 0.021, mean 0.0036
const vec3 kMagma[9] = vec3[](
    vec3(0.714295, 0.214125, 0.473203),
    vec3(0.819073, 0.310314, -0.287777),
    vec3(-0.102293, 0.246280, -0.433582),
    vec3(-0.754009, 0.824022, 0.640527),
    vec3(-0.896181, 0.684536, 1.572229),
    vec3(0.837867, -1.347691, 0.631709),
    vec3(1.324280, -1.184869, -2.505226),
    vec3(-0.414259, 0.723978, -0.626970),
    vec3(-0.549052, 0.534529, 1.285727));
// cividis: least-squares degree-8 fit, max error 0.033, mean 0.0021
const vec3 kCividis[9] = vec3[](
    vec3(0.487817, 0.483811, 0.467691),
    vec3(0.467674, 0.365220, 0.071456),
    vec3(0.080213, 0.036297, -0.318056),
    vec3(-0.173151, 0.029523, -0.255251),
    vec3(-0.040579, -0.004342, 0.779194),
    vec3(0.805216, -0.021526, -0.100889),
    vec3(-0.488400, -0.000111, -0.959775),
    vec3(-0.607174, 0.011758, 0.238352),
    vec3(0.473817, 0.005776, 0.275508));
// turbo: least-squares degree-8 fit, max error 0.042, mean 0.0090
const vec3 kTurbo[9] = vec3[](
    vec3(0.622876, 0.987434, 0.261844),
    vec3(1.747628, -0.257326, -0.662797),
    vec3(-1.071403, -1.658127, 2.439918),
    vec3(-4.933916, 0.004004, -1.264893),
    vec3(5.068874, 0.574218, -6.858037),
    vec3(5.711487, 0.443434, 3.356076),
    vec3(-8.128926, 0.670660, 7.130679),
    vec3(-2.392724, -0.219155, -1.546949),
    vec3(3.872671, -0.535853, -2.871369));

vec3 polynomial_colormap(const vec3 c[9], float t) {
    float s = 2.0 * clamp(t, 0.0, 1.0) - 1.0;
    vec3 colour = c[8];
    for (int k = 7; k >= 0; --k) colour = colour * s + c[k];
    return clamp(colour, 0.0, 1.0);
}

// Hypsometric tints, linear between stops (lowland greens, tan and brown uplands, then snow):
// lightness dips through the browns, then rises, so peaks stand out as white.
vec3 terrain_tint(float t) {
    const int kStops = 6;
    const float at[kStops] = float[](0.0, 0.22, 0.45, 0.68, 0.86, 1.0);
    const vec3 tint[kStops] = vec3[](
        vec3(0.13, 0.36, 0.22),   // deep lowland green
        vec3(0.42, 0.62, 0.33),   // meadow green
        vec3(0.86, 0.80, 0.52),   // tan
        vec3(0.62, 0.44, 0.27),   // brown
        vec3(0.58, 0.53, 0.50),   // grey rock
        vec3(0.97, 0.97, 0.98));  // snow
    t = clamp(t, 0.0, 1.0);
    for (int k = 1; k < kStops; ++k) {
        if (t <= at[k]) return mix(tint[k - 1], tint[k], (t - at[k - 1]) / (at[k] - at[k - 1]));
    }
    return tint[kStops - 1];
}

vec3 colormap(int which, float t) {
    if (which == 1) return polynomial_colormap(kMagma, t);
    if (which == 2) return polynomial_colormap(kCividis, t);
    if (which == 3) return polynomial_colormap(kTurbo, t);
    if (which == 4) return terrain_tint(t);
    return viridis(t);
}
