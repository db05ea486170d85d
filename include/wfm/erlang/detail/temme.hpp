#pragma once
/// Internal: Temme's uniform asymptotic expansion of the regularised incomplete gamma functions
/// near z ≈ a (where series and continued fractions are slow), divided by the gamma prefix.

#include <wfm/erlang/detail/gamma_prefix.hpp>

#include <cmath>
#include <cstddef>
#include <iterator>

namespace wfm::erlang::detail {

// Temme's uniform asymptotic expansion of the regularised incomplete gammas (Temme 1979;
// DiDonato & Morris 1986), the coefficients of C_k(η) as tabulated for 53-bit precision in
// Boost.Math (igamma_large.hpp, Boost Software License 1.0), used in the same domain as Boost
// uses it: near the transition z ≈ a, where the series and continued fractions are slow.
// With φ = λ − 1 − log λ, λ = z/a, η = sign(λ − 1)·√(2φ):
//   Q(a, z) = ½·erfc(√(aφ)) ± e^{−aφ}/√(2πa)·S, S = Σ_k C_k(η)·a^{−k}  (+ for z ≥ a),
// and P = 1 − Q. Returned scaled by √(2πa)·e^{aφ}, i.e. divided by the prefix
// z^a·e^{−z}/(Γ(a+1)·Γ*(a)) (Γ* the Stirling factor): Palm's factor and 1/B follow without
// computing the prefix at all. Same cost per call as Boost's erfc-based branch, minus its
// bookkeeping and the prefix.
inline constexpr double temme_c0[] = {
    -0.33333333333333333,   0.083333333333333333,    -0.014814814814814815,
    0.0011574074074074074,  0.0003527336860670194,   -0.00017875514403292181,
    0.39192631785224378e-4, -0.21854485106799922e-5, -0.185406221071516e-5,
    0.8296711340953086e-6,  -0.17665952736826079e-6, 0.67078535434014986e-8,
    0.10261809784240308e-7, -0.43820360184533532e-8, 0.91476995822367902e-9};
inline constexpr double temme_c1[] = {
    -0.0018518518518518519,  -0.0034722222222222222, 0.0026455026455026455,
    -0.00099022633744855967, 0.00020576131687242798, -0.40187757201646091e-6,
    -0.18098550334489978e-4, 0.76491609160811101e-5, -0.16120900894563446e-5,
    0.46471278028074343e-8,  0.1378633446915721e-6,  -0.5752545603517705e-7,
    0.11951628599778147e-7};
inline constexpr double temme_c2[] = {
    0.0041335978835978836,   -0.0026813271604938272,  0.00077160493827160494,
    0.20093878600823045e-5,  -0.00010736653226365161, 0.52923448829120125e-4,
    -0.12760635188618728e-4, 0.34235787340961381e-7,  0.13721957309062933e-5,
    -0.6298992138380055e-6,  0.14280614206064242e-6};
inline constexpr double temme_c3[] = {
    0.00064943415637860082, 0.00022947209362139918,  -0.00046918949439525571,
    0.00026772063206283885, -0.75618016718839764e-4, -0.23965051138672967e-6,
    0.11082654115347302e-4, -0.56749528269915966e-5, 0.14230900732435884e-5};
inline constexpr double temme_c4[] = {-0.0008618882909167117,  0.00078403922172006663,
                                      -0.00029907248030319018, -0.14638452578843418e-5,
                                      0.66414982154651222e-4,  -0.39683650471794347e-4,
                                      0.11375726970678419e-4};
inline constexpr double temme_c5[] = {
    -0.00033679855336635815, -0.69728137583658578e-4, 0.00027727532449593921,
    -0.00019932570516188848, 0.67977804779372078e-4,  0.1419062920643967e-6,
    -0.13594048189768693e-4, 0.80184702563342015e-5,  -0.22914811765080952e-5};
inline constexpr double temme_c6[] = {0.00053130793646399222,  -0.00059216643735369388,
                                      0.00027087820967180448,  0.79023532326603279e-6,
                                      -0.81539693675619688e-4, 0.56116827531062497e-4,
                                      -0.18329116582843376e-4};
inline constexpr double temme_c7[] = {0.00034436760689237767, 0.51717909082605922e-4,
                                      -0.00033493161081142236, 0.0002812695154763237,
                                      -0.00010976582244684731};
inline constexpr double temme_c8[] = {-0.00065262391859530942, 0.00083949872067208728,
                                      -0.00043829709854172101};

inline constexpr double temme_c9 = -0.00059676129019274625;

inline bool temme_applies(double a, double z) noexcept {
    if (!(a > 20.0)) {
        return false;
    }
    const double sigma = (z - a) / a;
    return a > 200.0 ? 20.0 / a > sigma * sigma : std::abs(sigma) < 0.4;
}

// S = Σ_k C_k(η)·a^{−k} for one a as a polynomial in η, d_j = Σ_k c_{k,j}·a^{−k}: arguments z
// with the same a share the coefficients (Palm's factor at y and y·e^{−θt}). The terms C_k·a^{−k}
// below 1e-17 are left out: k ≥ 6 above a = 200 (|C_6| < 6e-4), k ≥ 5 above a = 1000.
class temme_expansion {
public:
    // `with_slope`: also the coefficients Σ_k k·c_{k,j}·a^{−k} that slope() needs.
    explicit temme_expansion(double a, bool with_slope = false) noexcept
        : a_(a), scale_(std::sqrt(two_pi * a)), with_slope_(with_slope) {
        const double r = 1.0 / a;
        double weight = 1.0;
        // C_0 sets every coefficient (it is the longest), so nothing needs zeroing first
        static_assert(std::size(temme_c0) == temme_j);
        for (std::size_t j = 0; j < temme_j; ++j) {
            d_[j] = temme_c0[j];
            if (with_slope_) {
                e_[j] = 0.0;
            }
        }
        add(temme_c1, weight *= r, 1);
        add(temme_c2, weight *= r, 2);
        add(temme_c3, weight *= r, 3);
        add(temme_c4, weight *= r, 4);
        if (a > 1000.0) {
            return;
        }
        add(temme_c5, weight *= r, 5);
        if (a > 200.0) {
            return;
        }
        add(temme_c6, weight *= r, 6);
        add(temme_c7, weight *= r, 7);
        add(temme_c8, weight *= r, 8);
        weight *= r;
        d_[0] += temme_c9 * weight;
        e_[0] += 9.0 * temme_c9 * weight;
    }

    // P̃(a, z) (`upper` false) or Q̃(a, z): the side that is the smaller one (P below a, Q
    // above) needs no exponential.
    [[nodiscard]] double at(double z, bool upper) const noexcept {
        const double sigma = (z - a_) / a_;
        const double phi = sigma - std::log1p(sigma); // absolute error ≈ |σ|·2⁻⁵³: fine here
        const double eta = std::copysign(std::sqrt(2.0 * phi), sigma);
        const double s = polynomial(d_, eta);
        const double half_erfc = 0.5 * scale_ * detail::erfcx(std::sqrt(a_ * phi));
        const bool below = z < a_;
        if (upper != below) { // Q above a, P below
            return below ? half_erfc - s : half_erfc + s;
        }
        const double whole = scale_ * std::exp(a_ * phi); // ≤ √(2πa)·e^{20} in the domain above
        return below ? whole - half_erfc + s : whole - half_erfc - s;
    }

    // ∂/∂a log P̃(a, z) at fixed z (needs `with_slope`), by differentiating the expansion: with
    // U = ½√(2πa)·e^{aφ}·erfc(√(aφ)) and W = √(2πa)·e^{aφ}, d(aφ)/da = −log λ, dη/da = −(ε/η)/a
    // (ε = λ − 1), U' = U·(1/(2a) − log λ) + log λ/|η|, W' = W·(1/(2a) − log λ),
    // S' = −(1/a)·((ε/η)·∂S/∂η + Σ_k k·C_k·a^{−k}); P̃ = U − S below a, W − U − S above.
    [[nodiscard]] double log_lower_slope(double z) const noexcept {
        const double eps = (z - a_) / a_;
        // φ = ε − log(1 + ε) to full relative precision (η, ε/η and log λ/η near ε = 0)
        double phi = eps - std::log1p(eps);
        if (std::abs(eps) < 0.01) {
            phi = 0.0;
            for (int k = 10; k >= 2; --k) {
                phi = phi * -eps + 1.0 / k;
            }
            phi *= eps * eps; // ε²/2 − ε³/3 + ε⁴/4 − …
        }
        const double eta = std::copysign(std::sqrt(2.0 * phi), eps);
        const double log_lambda = std::log1p(eps);
        const double eps_over_eta = eta == 0.0 ? 1.0 : eps / eta;
        const double log_over_eta = eta == 0.0 ? 1.0 : log_lambda / eta; // = log λ/|η| for z ≥ a
        const double s = polynomial(d_, eta);
        const double s_eta = polynomial_derivative(d_, eta);
        const double s_k = polynomial(e_, eta);
        const double u = 0.5 * scale_ * detail::erfcx(std::sqrt(a_ * phi));
        const double rate = 0.5 / a_ - log_lambda;
        const double ds = -(eps_over_eta * s_eta + s_k) / a_;
        if (z < a_) {
            const double du = u * rate - log_over_eta; // log λ/|η| = −log λ/η below a
            return (du - ds) / (u - s);
        }
        const double du = u * rate + log_over_eta;
        const double w = scale_ * std::exp(a_ * phi);
        return (w * rate - du - ds) / (w - u - s);
    }

private:
    static constexpr double two_pi = 6.283185307179586477;
    template <std::size_t N> void add(const double (&c)[N], double weight, int k) noexcept {
        for (std::size_t j = 0; j < N; ++j) {
            d_[j] += c[j] * weight;
        }
        if (with_slope_) {
            for (std::size_t j = 0; j < N; ++j) {
                e_[j] += static_cast<double>(k) * c[j] * weight;
            }
        }
    }
    template <std::size_t N>
    static double polynomial_derivative(const double (&c)[N], double z) noexcept {
        double sum = static_cast<double>(N - 1) * c[N - 1];
        for (std::size_t i = N - 1; i-- > 1;) {
            sum = sum * z + static_cast<double>(i) * c[i];
        }
        return sum;
    }
    double a_;
    double scale_;
    bool with_slope_;
    static constexpr std::size_t temme_j = std::size(temme_c0);
    double d_[temme_j]; // set in the constructor
    double e_[temme_j]; // set in the constructor when with_slope
};

// s'(a), the derivative of stirling_correction().
inline double stirling_correction_slope(double a) noexcept {
    const double r2 = 1.0 / (a * a);
    return r2 * (-1.0 / 12 +
                 r2 * (1.0 / 120 +
                       r2 * (-1.0 / 252 +
                             r2 * (1.0 / 240 +
                                   r2 * (-1.0 / 132 + r2 * (691.0 / 32760 + r2 * (-1.0 / 12)))))));
}

} // namespace wfm::erlang::detail
