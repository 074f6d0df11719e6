// The terrain's bounding box (world space): balls and trails outside it are not drawn, as a plot
// clips to its axes. A diverging ball flies off the edge instead of across the sky.
uniform vec3 u_box_min;
uniform vec3 u_box_max;

bool outside_box(vec3 p) { return any(lessThan(p, u_box_min)) || any(greaterThan(p, u_box_max)); }
