#pragma once
/// Scalar queueing formulas behind the Erlang models, for real-valued agent counts.
///
/// Everything is computed without factorials or powers that overflow: Erlang B by the inverse
/// recurrence or by regularised incomplete gamma ratios (Boost.Math), Palm's factor 𝒜(x, y) in
/// log form. Valid (and tested) up to at least 100,000 agents.

namespace wfm::erlang {

/// Erlang B blocking B(n, A) for real n ≥ 0 agents and A ≥ 0 erlangs:
/// B = Aⁿe^{−A} / Γ(n+1, A); for whole n equal to 1/B(k) = 1 + k/(A·B(k−1)), B(0) = 1.
[[nodiscard]] double erlang_b(double agents, double load);

/// Erlang C P(wait) for real n agents and A erlangs: C = n·B / (n − A(1 − B)) when n > A,
/// 1 when n ≤ A (unstable queue).
[[nodiscard]] double erlang_c(double agents, double load);

/// The load A (erlangs) at which B(n, A) equals `blocking` (inverse Erlang B, Erlang-B tables).
[[nodiscard]] double erlang_b_load(double agents, double blocking);

/// Palm's factor 𝒜(x, y) = x·e^y·y^{−x}·γ(x, y) = 1 + Σ_{j≥1} y^j / Π_{k=1..j}(x + k), as its
/// logarithm (𝒜 overflows double in heavy overload); x > 0, y ≥ 0. Mandelbaum & Zeltyn.
[[nodiscard]] double log_palm_factor(double x, double y);

/// 𝒜(x, y) − 1 without cancellation (small when y ≪ x); +inf when 𝒜 overflows.
[[nodiscard]] double palm_factor_minus_one(double x, double y);

/// Chat concurrency: effective concurrency of an agent who may hold up to `sessions` sessions,
/// c(k) = (1 − B(k, r)) / (1 − B(1, r)) with B the Erlang B formula in the compose ratio r
/// (US 8,064,589 B2 as quoted by mathieutellene/shiftmesh). c(1) = 1, c(k) < k for k > 1.
[[nodiscard]] double effective_concurrency(int sessions, double compose_ratio);

} // namespace wfm::erlang
