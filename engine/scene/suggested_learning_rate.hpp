#pragma once
// A learning rate that suits the function. Gradient descent, momentum and Nesterov step by lr
// times the gradient, so how large a step is safe depends on how sharply f curves: PyTorch's
// default 0.01 is fine on a bowl and flings the ball off Rosenbrock (curvature ~2000 at its
// classic start) at the first step. Where a scene gives no learning rate to one of them, it gets
// the default, or less on a sharply curved function: 1.5 / (the largest curvature at the start and
// at the known minima), rounded down to 1, 2 or 5 x 10^k. (Gradient descent is stable below 2 /
// curvature; 1.5 leaves a margin without slowing the ball on gently curved functions.) The
// methods that scale their own steps (AdaGrad, RMSProp, Adam) and Newton are left as they are.
#include "engine/core/cost_function.hpp"
#include "engine/scene/scene.hpp"

#include <string>

namespace losscape {

// Whether the optimizer's "lr" multiplies the raw gradient.
bool learning_rate_scales_gradient(const std::string& optimizer);

// 1.5 / the largest |eigenvalue| of the Hessian at `start` and at the function's known minima,
// rounded down to 1, 2 or 5 x 10^k; infinity where f is flat or its Hessian undefined there.
double curvature_learning_rate(const CostFunction& cost, glm::dvec2 start);

// Gives `optimizer` an "lr" when it has none, its default is larger than the function allows,
// and its lr scales the gradient. Returns the learning rate set, or 0 when nothing changed.
double suggest_learning_rate(OptimizerSpec& optimizer, const CostFunction& cost, glm::dvec2 start);

// Drops the "lr" of every ball's (and the swarm's) optimizer whose lr scales the gradient: on
// another function each gets that function's own (the window does this when the function changes).
void forget_learning_rates(Scene& scene);

}  // namespace losscape
