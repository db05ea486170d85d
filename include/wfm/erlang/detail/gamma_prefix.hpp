#pragma once
/// Internal: the prefix z^a·e^{−z}/Γ(a+1) of the incomplete gamma functions, in log form.

namespace wfm::erlang::detail {

/// log(z^a·e^{−z}/Γ(a+1)) for a > 0, z > 0, without overflow or cancellation: for a ≥ 10 as
/// a·(log1p σ − σ) − ½·log(2πa) − s(a) with σ = (z − a)/a and s Stirling's series for
/// log Γ(a+1) (absolute error about |z − a|·2⁻⁵³, so ≈ 1e-11 at 100,000 agents), else from
/// std::lgamma. Both Erlang B (B(n, A) = prefix(n, A)/Q(n+1, A)) and Palm's factor
/// (𝒜(x, y) = P(x, y)/prefix(x, y)) need it; Boost.Math's own prefix (Lanczos) costs several
/// times more.
[[nodiscard]] double log_gamma_prefix(double a, double z) noexcept;

/// erfcx(u) = e^{u²}·erfc(u) for u ≥ 0: on [0, 6) piecewise polynomials (fit error below 5e-17,
/// 2 ulp after rounding; one polynomial instead of exp and erfc), beyond std::exp·std::erfc.
[[nodiscard]] double erfcx(double u) noexcept;

} // namespace wfm::erlang::detail
