// Erlang B / C, Palm's factor and the chat-concurrency factor.
#include <wfm/erlang/detail/gamma_prefix.hpp>
#include <wfm/erlang/detail/palm_series.hpp>
#include <wfm/erlang/formulas.hpp>

#include <wfm/core/error.hpp>

#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/tools/fraction.hpp>
#include <boost/math/tools/roots.hpp>
#include <fmt/format.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <utility>

namespace wfm::erlang {
namespace {

// Plain double arithmetic: Boost.Math's default promotes double to long double (x87), which
// costs several times the time for no accuracy the 1e-9 reference checks need.
using fast_policy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

// Below this, a double is treated as underflowed (switch to log form).
constexpr double tiny = 1e-280;
// Whole agent counts up to this use the O(n) recurrence: exact and cheaper than two gammas.
constexpr double recurrence_limit = 24.0;

void require_finite_non_negative(const char* function, const char* name, double value) {
    if (!std::isfinite(value) || value < 0.0) {
        throw wfm::invalid_argument(fmt::format(
            "erlang::{}: {} must be a finite number >= 0, got {}", function, name, value));
    }
}

// Γ(a, z)·e^z·z^{−a} = 1 / (b0 + a1/(b1 + a2/(b2 + …))), b_k = z + 2k + 1 − a, a_k = −k(k − a)
// (Legendre's continued fraction; converges quickly for z > a − 1).
struct upper_gamma_fraction {
    using result_type = std::pair<double, double>;
    double a;
    double z;
    int k = 0;
    std::pair<double, double> operator()() {
        const double kd = static_cast<double>(k);
        const std::pair<double, double> term{-kd * (kd - a), z + 2.0 * kd + 1.0 - a};
        ++k;
        return term;
    }
};

// s(a) = log Γ(a) − (a − ½)·log a + a − ½·log 2π = 1/(12a) − 1/(360a³) + … (Stirling; the terms
// through a⁻¹³ leave < 1e-16 for a ≥ 10); Γ*(a) = e^{s(a)}.
double stirling_correction(double a) noexcept {
    const double r = 1.0 / a;
    const double r2 = r * r;
    return r * (1.0 / 12 +
                r2 * (-1.0 / 360 +
                      r2 * (1.0 / 1260 +
                            r2 * (-1.0 / 1680 +
                                  r2 * (1.0 / 1188 + r2 * (-691.0 / 360360 + r2 * (1.0 / 156)))))));
}

// e^s for |s| ≤ 1/240 (Γ*(a) = e^{s(a)} with a > 20): Taylor through s⁶, error < 1e-19.
double exp_small(double s) noexcept {
    return 1.0 + s * (1.0 + s / 2 * (1.0 + s / 3 * (1.0 + s / 4 * (1.0 + s / 5 * (1.0 + s / 6)))));
}

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
constexpr double temme_c0[] = {
    -0.33333333333333333,   0.083333333333333333,    -0.014814814814814815,
    0.0011574074074074074,  0.0003527336860670194,   -0.00017875514403292181,
    0.39192631785224378e-4, -0.21854485106799922e-5, -0.185406221071516e-5,
    0.8296711340953086e-6,  -0.17665952736826079e-6, 0.67078535434014986e-8,
    0.10261809784240308e-7, -0.43820360184533532e-8, 0.91476995822367902e-9};
constexpr double temme_c1[] = {
    -0.0018518518518518519,  -0.0034722222222222222, 0.0026455026455026455,
    -0.00099022633744855967, 0.00020576131687242798, -0.40187757201646091e-6,
    -0.18098550334489978e-4, 0.76491609160811101e-5, -0.16120900894563446e-5,
    0.46471278028074343e-8,  0.1378633446915721e-6,  -0.5752545603517705e-7,
    0.11951628599778147e-7};
constexpr double temme_c2[] = {
    0.0041335978835978836,   -0.0026813271604938272,  0.00077160493827160494,
    0.20093878600823045e-5,  -0.00010736653226365161, 0.52923448829120125e-4,
    -0.12760635188618728e-4, 0.34235787340961381e-7,  0.13721957309062933e-5,
    -0.6298992138380055e-6,  0.14280614206064242e-6};
constexpr double temme_c3[] = {
    0.00064943415637860082, 0.00022947209362139918,  -0.00046918949439525571,
    0.00026772063206283885, -0.75618016718839764e-4, -0.23965051138672967e-6,
    0.11082654115347302e-4, -0.56749528269915966e-5, 0.14230900732435884e-5};
constexpr double temme_c4[] = {-0.0008618882909167117,  0.00078403922172006663,
                               -0.00029907248030319018, -0.14638452578843418e-5,
                               0.66414982154651222e-4,  -0.39683650471794347e-4,
                               0.11375726970678419e-4};
constexpr double temme_c5[] = {
    -0.00033679855336635815, -0.69728137583658578e-4, 0.00027727532449593921,
    -0.00019932570516188848, 0.67977804779372078e-4,  0.1419062920643967e-6,
    -0.13594048189768693e-4, 0.80184702563342015e-5,  -0.22914811765080952e-5};
constexpr double temme_c6[] = {0.00053130793646399222,  -0.00059216643735369388,
                               0.00027087820967180448,  0.79023532326603279e-6,
                               -0.81539693675619688e-4, 0.56116827531062497e-4,
                               -0.18329116582843376e-4};
constexpr double temme_c7[] = {0.00034436760689237767, 0.51717909082605922e-4,
                               -0.00033493161081142236, 0.0002812695154763237,
                               -0.00010976582244684731};
constexpr double temme_c8[] = {-0.00065262391859530942, 0.00083949872067208728,
                               -0.00043829709854172101};

constexpr double temme_c9 = -0.00059676129019274625;

// Σ c_i·z^i by Estrin's scheme (pairs, then pairs of pairs with z², z⁴, z⁸): a dependency chain
// of about log₂ N multiply-adds instead of Horner's N, which is what bounds these evaluations.
template <std::size_t N> double polynomial(const double (&c)[N], double z) noexcept {
    static_assert(N >= 1 && N <= 16);
    double level[8] = {};
    std::size_t count = (N + 1) / 2;
    for (std::size_t i = 0; i < count; ++i) {
        level[i] = 2 * i + 1 < N ? c[2 * i] + c[2 * i + 1] * z : c[2 * i];
    }
    double power = z * z;
    while (count > 1) {
        const std::size_t next = (count + 1) / 2;
        for (std::size_t i = 0; i < next; ++i) {
            level[i] = 2 * i + 1 < count ? level[2 * i] + level[2 * i + 1] * power : level[2 * i];
        }
        count = next;
        power *= power;
    }
    return level[0];
}

// erfcx(u) = e^{u²}·erfc(u) on [0, 6): degree-13 polynomials in t = u − c on the twelve
// intervals [c − ¼, c + ¼), fitted at 40 digits (mpmath.chebyfit(lambda t: erfcx(c + t),
// [−¼, ¼], 14); fit error < 5e-17, 2 ulp after rounding); beyond, exp·erfc. One polynomial
// instead of exp and erfc: Temme's expansion divided by the prefix needs only
// e^{aφ}·erfc(√(aφ)) = erfcx(√(aφ)) on the smaller side.
constexpr double erfcx_table[12][14] = {
    {0.77034654773099676872, -0.74320589323001421044, 0.58454507442345430762,
     -0.39804641641608061182, 0.24251673516968591518, -0.13496689305387380649,
     0.069591669677779883466, -0.033591135499288033517, 0.015298515250521272047,
     -0.0066147966924725820419, 0.0027279349465609772507, -0.0010782944814138456544,
     0.00042169640915474836105, -0.00015423073872615053576},
    {0.5069376502931448079, -0.36797269165579536587, 0.23095813155129497366,
     -0.12983606199488006678, 0.066790542528415370021, -0.031897262039946897078,
     0.014289198584708590601, -0.0060515322717764339511, 0.0024376410699422688262,
     -0.00093851322288150496871, 0.00034666379283020211189, -0.00012332717214560826264,
     0.000043379159075614811594, -0.000014403769612558911086},
    {0.36782291645236109315, -0.20882187596460984164, 0.10679557149659844292,
     -0.050218274395907468908, 0.0220113642509462366, -0.0090816276329599585454,
     0.0035531098946832969528, -0.0013257829272368543292, 0.00047397070061534542511,
     -0.00016296012111131221236, 0.000054044915085144030024, -0.000017341459254977562684,
     5.5017018398283870568e-6, -1.6610767030625111436e-6},
    {0.28497223473743638924, -0.13097634551448521167, 0.055763630087087224495,
     -0.022259995241388315881, 0.0084043192073401865378, -0.0030209746514281145331,
     0.0010392045213569138975, -0.00034353335318474801836, 0.00010950533816840060057,
     -0.000033755368305528780064, 0.000010085518680104132432, -2.9276322492780200978e-6,
     8.4064496085618528403e-7, -2.3131132443809951886e-7},
    {0.23108725873039186996, -0.088486502808749159088, 0.031992627410706255324,
     -0.011002060756440044762, 0.0036189953543597902867, -0.0011437284836541604509,
     0.00034853542188147708009, -0.00010272108111777696094, 0.000029353254863530409375,
     -8.1502850537054884459e-6, 2.2028461470983832763e-6, -5.8059097571320361479e-7,
     1.5147418685283686644e-7, -3.809399757262482521e-8},
    {0.1936620962790686786, -0.063237637560634841582, 0.019758592987322863079,
     -0.0059343378969979763279, 0.0017195818852895149636, -0.0004821950849811217032,
     0.0001311818005015848549, -0.000034698609571402131146, 8.9401573661198975316e-6,
     -2.247373725469578251e-6, 5.5194491771269789392e-7, -1.3261857188670576688e-7,
     3.1568164431976943231e-8, -7.2797384842785118412e-9},
    {0.16633534842682187676, -0.047199402321170374934, 0.012937290883018157991,
     -0.0034354713009075737484, 0.00088600457753433213401, -0.00022238256956848872908,
     0.000054420408806440520602, -0.000013004640264149418563, 3.0388322525197410457e-6,
     -6.95208122445421495e-7, 1.5587493882974770661e-7, -3.4288600060257632375e-8,
     7.4786928560767965244e-9, -1.5869362667095770889e-9},
    {0.14558972127503853905, -0.036456257532723531054, 0.008878755527325297541,
     -0.0021072828701691100393, 0.00048822238209558115218, -0.00011057957492429544551,
     0.000024516325375175095041, -5.3266727890229454555e-6, 1.1353256642536615705e-6,
     -2.3760040556954934863e-7, 4.8863416523494244134e-8, -9.8828772012801060155e-9,
     1.9835386043423666805e-9, -3.8869289771360849843e-10},
    {0.1293452747859879108, -0.028944331414615332111, 0.0063318662738727493137,
     -0.0013559331671040983113, 0.00028457515684016920045, -0.000058595500213358166675,
     0.000011848093644133921621, -2.3546006354783885751e-6, 4.6026025100518011185e-7,
     -8.8554365600917106346e-8, 1.6780483469163352493e-8, -3.1337186685536493733e-9,
     5.811724586030923013e-10, -1.0555257375577111481e-10},
    {0.11630270721024730767, -0.023503448598163151076, 0.0046613263689723400529,
     -0.00090809889702969053699, 0.00017392830404065595877, -0.000032775781134631870218,
     6.0811145502929081819e-6, -1.1115677200716772821e-6, 2.0029197419206129204e-7,
     -3.5595747942067339336e-8, 6.2423356309007689641e-9, -1.0807446894693349276e-9,
     1.8594789459960650176e-10, -3.1411351050485791501e-11},
    {0.1056127354688918024, -0.019445444672148648666, 0.0035241509401113969068,
     -0.00062910149104254326572, 0.00011068405606902266981, -0.000019204078672070350801,
     3.2875476801900392733e-6, -5.5555810026059797632e-7, 9.271691472357647329e-8,
     -1.528762344383419991e-8, 2.4913485679760036082e-9, -4.014294604038072588e-10,
     6.4320315155742423169e-11, -1.0140384592111234147e-11},
    {0.096698778169713920817, -0.016343218143802484505, 0.0027252738428496349115,
     -0.00044859569827805584106, 0.000072924288875407006716, -0.000011712414897786450732,
     1.8593010710359471792e-6, -2.9183821122094426555e-7, 4.5307839541466326795e-8,
     -6.9595858884166562902e-9, 1.0580344538295680947e-9, -1.5924080266529062261e-10,
     2.3845986043741488653e-11, -3.5200073691581455183e-12}};
} // namespace

double detail::erfcx(double u) noexcept {
    if (!(u >= 0.0 && u < 6.0)) {
        return std::exp(u * u) * std::erfc(u);
    }
    const auto i = static_cast<std::size_t>(2.0 * u);
    return polynomial(erfcx_table[i], u - (0.5 * static_cast<double>(i) + 0.25));
}

namespace {

bool temme_applies(double a, double z) noexcept {
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
double stirling_correction_slope(double a) noexcept {
    const double r2 = 1.0 / (a * a);
    return r2 * (-1.0 / 12 +
                 r2 * (1.0 / 120 +
                       r2 * (-1.0 / 252 +
                             r2 * (1.0 / 240 +
                                   r2 * (-1.0 / 132 + r2 * (691.0 / 32760 + r2 * (-1.0 / 12)))))));
}

} // namespace

double erlang_b(double agents, double load) {
    require_finite_non_negative("erlang_b", "agents", agents);
    require_finite_non_negative("erlang_b", "load", load);
    if (agents == 0.0) {
        return 1.0;
    }
    if (load == 0.0) {
        return 0.0;
    }
    if (agents <= recurrence_limit && agents == std::floor(agents)) {
        double inverse = 1.0; // 1/B(k) = 1 + (k/A)·(1/B(k−1)); stable, overflows to inf → B = 0
        for (int k = 1; k <= static_cast<int>(agents); ++k) {
            inverse = 1.0 + inverse * static_cast<double>(k) / load;
        }
        return 1.0 / inverse;
    }
    const double a = agents + 1.0;
    if (temme_applies(a, load)) { // 1/B = Q(n+1, A)/prefix(n, A) = (A/a)·Γ*(a)·Q̃(a, A)
        return a / (load * exp_small(stirling_correction(a)) * temme_expansion(a).at(load, true));
    }
    const double q = boost::math::gamma_q(a, load, fast_policy{}); // Γ(n+1, A)/Γ(n+1)
    if (q > tiny) { // B = (Aⁿe^{−A}/Γ(n+1)) / Q(n+1, A)
        const double log_prefix = detail::log_gamma_prefix(agents, load);
        return log_prefix > -700.0 ? std::exp(log_prefix) / q : std::exp(log_prefix - std::log(q));
    }
    // A ≫ n: Q underflows; B = F/A with F the continued fraction above.
    upper_gamma_fraction fraction{a, load};
    std::uintmax_t terms = 10000;
    const double f = boost::math::tools::continued_fraction_b(
        fraction, std::numeric_limits<double>::epsilon(), terms);
    return f / load;
}

double erlang_c(double agents, double load) {
    const double b = erlang_b(agents, load);
    if (agents <= load) {
        return 1.0;
    }
    return agents * b / (agents - load * (1.0 - b));
}

double erlang_b_load(double agents, double blocking) {
    require_finite_non_negative("erlang_b_load", "agents", agents);
    if (!(blocking > 0.0 && blocking < 1.0)) {
        throw wfm::invalid_argument(
            fmt::format("erlang::erlang_b_load: blocking must be in (0, 1), got {}", blocking));
    }
    if (agents == 0.0) {
        throw wfm::invalid_argument("erlang::erlang_b_load: agents must be > 0, got 0");
    }
    // B rises with A from 0 to 1; bracket then solve.
    double lo = 0.0;
    double hi = std::max(1.0, agents);
    while (erlang_b(agents, hi) < blocking) {
        lo = hi;
        hi *= 2.0;
    }
    std::uintmax_t iterations = 200;
    const auto f = [&](double a) { return a == 0.0 ? -blocking : erlang_b(agents, a) - blocking; };
    const auto root = boost::math::tools::toms748_solve(
        f, lo, hi, boost::math::tools::eps_tolerance<double>(50), iterations);
    return 0.5 * (root.first + root.second);
}

double log_palm_factor(double x, double y) {
    return detail::palm_factor(x, y).log_palm;
}

double palm_factor_minus_one(double x, double y) {
    return detail::palm_factor(x, y).palm_minus_one;
}

double effective_concurrency(int sessions, double compose_ratio) {
    if (sessions < 1) {
        throw wfm::invalid_argument(
            fmt::format("erlang::effective_concurrency: sessions must be >= 1, got {}", sessions));
    }
    if (!(compose_ratio > 0.0) || !std::isfinite(compose_ratio)) {
        throw wfm::invalid_argument(fmt::format(
            "erlang::effective_concurrency: compose ratio must be a finite number > 0, got {}",
            compose_ratio));
    }
    // 1 − B(1, r) = 1/(1 + r)
    return (1.0 - erlang_b(static_cast<double>(sessions), compose_ratio)) * (1.0 + compose_ratio);
}

namespace detail {

namespace {

void check_palm_arguments(double x, double y) {
    if (!(x > 0.0) || !std::isfinite(x)) {
        throw wfm::invalid_argument(
            fmt::format("erlang::palm_factor: x must be a finite number > 0, got {}", x));
    }
    require_finite_non_negative("palm_factor", "y", y);
}

// 𝒜 − 1 = Σ_{j≥1} y^j / Π_{k=1..j}(x + k) for y ≤ (x+1)/2: terms shrink at least by ½, so few
// terms and no cancellation.
double palm_series_minus_one(double x, double y) {
    double term = 1.0;
    double sum = 0.0;
    for (int j = 1; j < 200; ++j) {
        term *= y / (x + static_cast<double>(j));
        sum += term;
        if (term <= 1e-18 * sum) {
            break;
        }
    }
    return sum;
}

// log 𝒜 for y > (x+1)/2: 𝒜 = P(x, y)·Γ(x+1)·e^y·y^{−x} = P(x, y) / prefix(x, y).
double log_palm_from_gamma(double x, double y) {
    if (temme_applies(x, y)) { // 𝒜 = P(x, y)/prefix(x, y) = Γ*(x)·P̃(x, y)
        return std::log(temme_expansion(x).at(y, false)) + stirling_correction(x);
    }
    const double p = boost::math::gamma_p(x, y, fast_policy{});
    if (p > tiny) {
        return std::log(p) - log_gamma_prefix(x, y);
    }
    return sum_palm_series(x, y).log_palm; // P underflowed (y ≪ x at huge x)
}

} // namespace

double log_gamma_prefix(double a, double z) noexcept {
    if (a < 10.0) {
        return a * std::log(z) - z - std::lgamma(a + 1.0);
    }
    // log Γ(a+1) = (a + ½)·log a − a + ½·log 2π + s(a)
    const double stirling = stirling_correction(a);
    const double sigma = (z - a) / a;
    // a·(log(z/a) − σ): log1p keeps the small differences near z = a exact; far below a,
    // 1 + σ would lose the digits of z/a, so take the quotient itself.
    const double log_ratio = sigma > -0.5 ? std::log1p(sigma) : std::log(z / a);
    constexpr double log_two_pi = 1.8378770664093454836;
    return a * (log_ratio - sigma) - 0.5 * (log_two_pi + std::log(a)) - stirling;
}

palm_inverse palm_factor_inverse(double x, double y) {
    check_palm_arguments(x, y);
    if (y == 0.0) {
        return {};
    }
    if (y <= 0.5 * (x + 1.0)) {
        const double sum = palm_series_minus_one(x, y);
        return {std::log1p(sum), 1.0 / (1.0 + sum), -sum / (1.0 + sum)};
    }
    if (temme_applies(x, y)) {
        // 𝒜 = Γ*(x)·P̃ ≥ 1 + y/(x+1) > 1.5 here, so 1/𝒜 − 1 does not cancel
        const double scaled = temme_expansion(x).at(y, false);
        const double s = stirling_correction(x);
        const double inverse = exp_small(-s) / scaled;
        return {std::log(scaled) + s, inverse, inverse - 1.0};
    }
    const double log_palm = log_palm_from_gamma(x, y);
    return {log_palm, std::exp(-log_palm), std::expm1(-log_palm)};
}

palm_inverse_pair palm_factor_inverses(double x, double y, double y_t) {
    if (!(temme_applies(x, y) && temme_applies(x, y_t))) {
        const palm_inverse at_y = palm_factor_inverse(x, y);
        const palm_inverse at_y_t = palm_factor_inverse(x, y_t);
        return {at_y, at_y_t, at_y_t.log_palm - at_y.log_palm, std::nan("")};
    }
    // as palm_factor_inverse() does it, with the expansion for x built once; 𝒜(x, y_t)/𝒜(x, y)
    // = P̃(x, y_t)/P̃(x, y) (same Γ*(x)), without the logs
    const temme_expansion expansion(x);
    const double inverse_gamma_star = exp_small(-stirling_correction(x));
    const double scaled = expansion.at(y, false);
    const double scaled_t = expansion.at(y_t, false);
    const double inverse = inverse_gamma_star / scaled;
    const double inverse_t = inverse_gamma_star / scaled_t;
    const double nan = std::nan("");
    return {
        {nan, inverse, inverse - 1.0}, {nan, inverse_t, inverse_t - 1.0}, nan, scaled_t / scaled};
}

palm_waits palm_wait_means(double x, double y) {
    check_palm_arguments(x, y);
    if (y > 0.0 && temme_applies(x, y)) {
        // −∂/∂x log 𝒜 = Σ t_q·g_q / Σ t_q, 𝒜 = Γ*(x)·P̃(x, y)
        const double slope =
            -(temme_expansion(x, true).log_lower_slope(y) + stirling_correction_slope(x));
        return {1.0 / x + slope, (x / y) * slope};
    }
    const palm_series s = sum_palm_series(x, y);
    return {s.theta_virtual_wait, s.theta_served_wait};
}

palm_pair palm_factor(double x, double y) {
    check_palm_arguments(x, y);
    if (y == 0.0) {
        return {};
    }
    if (y <= 0.5 * (x + 1.0)) {
        const double sum = palm_series_minus_one(x, y);
        return {std::log1p(sum), sum};
    }
    const double log_palm = log_palm_from_gamma(x, y);
    return {log_palm, std::expm1(log_palm)};
}

palm_series sum_palm_series(double x, double y) {
    const double expected = 60.0 * std::sqrt(y) + 100.0; // terms from the start below
    if (!std::isfinite(y) || y > 1e14) {
        throw wfm::invalid_argument(fmt::format(
            "erlang: Erlang A load out of range (lambda/theta = {}, n*mu/theta = {})", y, x));
    }
    // In overload the terms peak near q = y − x with a spread of about √y: start 12 spreads
    // below the peak (the terms there are < e^{−70} of it), with H from the digamma function.
    const double start = std::max(0.0, std::floor(y - x - 12.0 * std::sqrt(y) - 10.0));
    // Running sums of t_q·(…) relative to t_start; rescaled by 2^-600 whenever they grow past
    // 2^600. inv = 1/(x+q+1) is carried from the previous step.
    // g = H_q − 1/x = Σ_{m=1..q} 1/(x+m) is carried instead of H_q: no cancellation for tiny x,
    // and θ·E[V·1{served} | q] = x·g_{q+1}/(x+q+1) needs no subtraction.
    const double inv_x = 1.0 / x;
    double log_scale = 0.0;
    double g = 0.0; // g_q
    if (start > 0.0) {
        log_scale = start * std::log(y) - (std::lgamma(x + start + 1.0) - std::lgamma(x + 1.0));
        g = boost::math::digamma(x + start + 1.0, fast_policy{}) -
            boost::math::digamma(x + 1.0, fast_policy{});
    }
    double term = 1.0;
    double s0 = 1.0;
    double s1 = 0.0; // Σ_{q>start} t_q = s0 − 1 without cancellation (until rescaled)
    double inv = 1.0 / (x + start + 1.0);
    double s_abandon = (start + 1.0) * inv;
    double s_g = g;                    // Σ t_q·g_q
    double s_served = inv * (g + inv); // Σ t_q·g_{q+1}/(x+q+1)
    const double big = 0x1p600;
    const double limit = start + expected + 1000.0;
    // Two terms a step with one division: 1/(x+q+1) and 1/(x+q+2) from 1/((x+q+1)(x+q+2)).
    for (double q = start + 1.0; q < limit; q += 2.0) {
        const double c1 = x + q + 1.0;
        const double c2 = c1 + 1.0;
        const double both = 1.0 / (c1 * c2);
        const double inv1 = c2 * both;                   // 1/(x+q+1)
        const double inv2 = c1 * both;                   // 1/(x+q+2)
        const double t0 = term * (y * inv);              // t_q = t_{q−1}·y/(x+q)
        const double t1 = term * (y * y * (inv * inv1)); // t_{q+1}
        const double g0 = g + inv;                       // g_q
        const double g1 = g0 + inv1;                     // g_{q+1}
        const double g2 = g1 + inv2;                     // g_{q+2}
        s0 += t0 + t1;
        s1 += t0 + t1;
        s_abandon += t0 * (q + 1.0) * inv1 + t1 * (q + 2.0) * inv2;
        s_g += t0 * g0 + t1 * g1;
        s_served += t0 * inv1 * g1 + t1 * inv2 * g2;
        term = t1;
        g = g1;
        inv = inv2;
        if (s0 > big) {
            term /= big;
            s0 /= big;
            s1 /= big;
            s_abandon /= big;
            s_g /= big;
            s_served /= big;
            log_scale += 600.0 * std::log(2.0);
        }
        // Past the mode the terms fall geometrically by r = y/(x+q+3) or faster: bound the tail
        // (the weights grow only like log q).
        const double r = y * inv2;
        if (r < 1.0 && term * r * (1.0 + inv_x + g2) <= 1e-18 * s0 * (1.0 - r)) {
            break;
        }
    }
    palm_series out;
    out.log_palm = std::log(s0) + log_scale;
    out.palm_minus_one = start == 0.0 && log_scale == 0.0 ? s1 : std::expm1(out.log_palm);
    out.abandon_given_wait = s_abandon / s0;
    out.theta_virtual_wait = s_g / s0 + inv_x;
    out.theta_served_wait = x * s_served / s0;
    return out;
}

} // namespace detail
} // namespace wfm::erlang
