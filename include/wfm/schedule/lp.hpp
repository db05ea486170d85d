#pragma once
/// LP relaxation of the shift-scheduling problem by column generation, and an LP-rounding start.

#include <wfm/schedule/problem.hpp>
#include <wfm/schedule/solve.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace wfm::schedule {

/// Limits of the column generation. Time, memory and work stay within these limits: the
/// pricing, the simplex and the break enumeration all read the clock. The result is
/// reproducible when the column generation converges or stops by `max_rounds` / `max_pivots`;
/// the clock is a safety cap (lp_result::clock_cut says when it stopped the LP).
struct lp_options {
    /// Pricing rounds stop after this (the master is left at its last basis).
    std::chrono::milliseconds time_limit{2000};
    int max_rounds = 1000;             ///< pricing rounds
    long max_pivots = 2000000;         ///< simplex pivots over all rounds
    int max_break_placements = 100000; ///< per template; more = no LP (pricing by enumeration)
    /// Σ over templates of break placements × breaks; more = no LP.
    long max_break_offsets = 2000000;
    /// Coverage rows of the master (its basis inverse is dense: rows² doubles); more = no LP.
    int max_rows = 2000;
    /// Keep each interval's coverage cost at its convex hull over integer coverages (the
    /// integer-coverage LP): f_t(c) = under·(r_t − c)⁺ + over·(c − r_t)⁺ is replaced by its
    /// interpolation between ⌊r_t⌋ and ⌈r_t⌉, a bounded middle slack per fractional row. A
    /// relaxation of the integer problem at least as strong as the plain LP; its bound is
    /// Farley's with Σ_t φ_t(y_t) for Σ_t r_t y_t (see integer_coverage_bound).
    bool integer_coverage = false;
    /// Hard deadline of the whole call, the final pricing for Farley's bound included (cut short
    /// there: no bound); default: the end of `time_limit`.
    std::optional<std::chrono::steady_clock::time_point> deadline;
};

/// Farley's bound from one set of duals: base + N · min(0, min_rc) for any N ≥ Σ x of some
/// optimal schedule.
struct farley_terms {
    double base = 0;     ///< Σ r y + Σ b u (+ the price of uncoverable shortage)
    double min_rc = 0;   ///< minimum reduced cost over every tour
    double cheapest = 0; ///< cheapest tour (labour ≥ cheapest × Σ x)
    double n_max = 0;    ///< N known to the LP (headcount limit, or from the empty schedule)
};

/// The LP relaxation at the last master solve.
struct lp_result {
    bool converged = false;             ///< pricing found no improving tour
    bool clock_cut = false;             ///< the clock, not a count, stopped it (not reproducible)
    double value = 0;                   ///< master LP value (objective units)
    std::optional<double> lower_bound;  ///< valid bound from the last duals (Farley)
    std::optional<farley_terms> farley; ///< the terms of lower_bound
    std::string note;                   ///< why there is no bound, or what the bound ignores
    /// the duals of the bound, clamped into their boxes (coverage rows of the master, then the
    /// side rows); empty without a bound
    std::vector<double> duals;
    std::vector<tour> columns; ///< tours with a positive LP value
    std::vector<double> x;     ///< their LP values
    int rounds = 0;
    long pivots = 0;
    /// the master has the branching rows (per template and per day) after the side rows, and
    /// `duals` holds theirs too
    bool branching_rows = false;
};

/// LP relaxation (tours as columns, coverage rows, shortage/excess slacks, and the side limits
/// headcount, part-time share, per-day and per-template minimum and maximum as rows) by column
/// generation with exact pricing (the side rows' duals enter every tour's reduced cost).
/// Weighted and full-coverage modes only.
[[nodiscard]] lp_result lp_relaxation(const problem& p, const lp_options& options = {});

/// The LP's Farley bound tightened by a schedule meeting every limit with objective `upper`
/// (an optimal one has labour ≤ upper, so Σ x ≤ upper / cheapest tour); empty without one.
[[nodiscard]] std::optional<double> lp_bound(const lp_result& lp, double upper);

/// A bound at least the LP's that keeps the coverage of every interval integer: the coverage
/// constraints are relaxed with multipliers y (started at the LP's duals), so that
///   L(y) = Σ_t min over integers c ≥ 0 of [under·(r_t − c)⁺ + over·(c − r_t)⁺ + y_t c]
///          + Σ_i b_i u_i + N · min(0, least reduced cost of a tour),
/// N = min(the LP's N, upper / cheapest tour); the minimum over integers lies at ⌊r_t⌋ or ⌈r_t⌉
/// and is at least y_t r_t, the LP's term. y then follows `iterations` projected subgradient
/// steps (deterministic). `upper` is the objective of a schedule meeting every limit. Empty
/// when the LP gave no duals or the deadline stopped the first pricing.
[[nodiscard]] std::optional<double> integer_coverage_bound(
    const problem& p, const lp_result& lp, double upper, int iterations = 300,
    std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max());

/// Rounds an LP solution: ⌊x⌋ copies of every column (full-time first, so that the part-time
/// share leaves room for part-time copies), then single copies that most decrease the
/// objective plus a penalty on unmet lower limits (per day, per template) while one does, the
/// upper limits allow and `deadline` has not passed. Lower limits the LP's columns cannot meet
/// are left to the search.
[[nodiscard]] std::vector<tour> round_lp(
    const problem& p, const lp_result& lp,
    std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max());

} // namespace wfm::schedule
