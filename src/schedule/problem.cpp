#include <wfm/schedule/problem.hpp>

#include <wfm/core/error.hpp>

#include <fmt/format.h>

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>

namespace wfm::schedule {
namespace {

[[noreturn]] void fail(const std::string& what) {
    throw wfm::invalid_argument("schedule::check_problem: " + what);
}

void check_template(const problem& p, std::size_t k) {
    const shift_template& t = p.templates[k];
    const std::string where = fmt::format("templates[{}] '{}'", k, t.name);
    if (t.length < 1 || t.length > p.periods_per_day) {
        fail(fmt::format("{}: length {} must be 1..{} intervals (at most one day)", where, t.length,
                         p.periods_per_day));
    }
    if (!std::isfinite(t.cost) || t.cost < 0) {
        fail(fmt::format("{}: cost {} must be finite and >= 0", where, t.cost));
    }
    if (t.starts.empty()) {
        fail(fmt::format("{}: no allowed start", where));
    }
    for (std::size_t i = 0; i < t.starts.size(); ++i) {
        const int s = t.starts[i];
        if (s < 0 || s >= p.periods_per_day || (i > 0 && s <= t.starts[i - 1])) {
            fail(fmt::format("{}: start {} must be in 0..{} and ascending", where, s,
                             p.periods_per_day - 1));
        }
    }
    if (!t.days.empty() && t.days.size() != static_cast<std::size_t>(p.days)) {
        fail(fmt::format("{}: {} day flags for {} days", where, t.days.size(), p.days));
    }
    for (std::size_t i = 0; i < t.patterns.size(); ++i) {
        const int x = t.patterns[i];
        if (x < 0 || static_cast<std::size_t>(x) >= p.patterns.size() ||
            (i > 0 && x <= t.patterns[i - 1])) {
            fail(fmt::format("{}: pattern index {} must be in 0..{} and ascending", where, x,
                             p.patterns.size() - 1));
        }
    }
    if (t.min_tours < 0 || (t.max_tours && *t.max_tours < t.min_tours)) {
        fail(fmt::format("{}: tour limits min {} max {} are not 0 <= min <= max", where,
                         t.min_tours, t.max_tours.value_or(-1)));
    }
    int breaks_total = 0;
    for (std::size_t b = 0; b < t.breaks.size(); ++b) {
        const break_rule& r = t.breaks[b];
        if (r.length < 1 || r.earliest < 0 || r.latest < r.earliest ||
            r.latest + r.length > t.length) {
            fail(fmt::format("{}: break {} '{}' (length {}, window {}..{}) does not fit a shift "
                             "of {} intervals",
                             where, b, r.name, r.length, r.earliest, r.latest, t.length));
        }
        breaks_total += r.length;
    }
    if (breaks_total >= t.length) {
        fail(fmt::format("{}: breaks take {} of {} intervals", where, breaks_total, t.length));
    }
}

/// Candidate tours (template × start × pattern) within max_candidate_tours, checked before the
/// optimiser allocates anything per template and pattern.
void check_size(const problem& p) {
    std::uint64_t starts = 0;
    for (const shift_template& t : p.templates) {
        starts += t.starts.size();
    }
    const std::uint64_t patterns = p.patterns.size();
    if (starts > max_candidate_tours || patterns > max_candidate_tours ||
        starts * patterns > max_candidate_tours) {
        fail(fmt::format("{} template starts x {} day-off patterns = {} candidate tours, above "
                         "the limit of {} (shift_templates x starts x days_off patterns)",
                         starts, patterns, starts * patterns, max_candidate_tours));
    }
}

} // namespace

void check_problem(const problem& p) {
    if (p.interval_minutes < 1 || p.days < 1 || p.days > 31 || p.periods_per_day < 1 ||
        p.interval_minutes * p.periods_per_day != 1440) {
        fail(fmt::format("grid of {} days x {} intervals of {} min is not whole days", p.days,
                         p.periods_per_day, p.interval_minutes));
    }
    if (p.first_weekday < 0 || p.first_weekday > 6) {
        fail(fmt::format("first weekday {} must be in 0..6 (Monday..Sunday)", p.first_weekday));
    }
    if (p.required.size() != static_cast<std::size_t>(p.intervals())) {
        fail(fmt::format("{} requirements for {} intervals", p.required.size(), p.intervals()));
    }
    for (std::size_t t = 0; t < p.required.size(); ++t) {
        if (!std::isfinite(p.required[t]) || p.required[t] < 0) {
            fail(fmt::format("requirement {} at interval {} must be finite and >= 0", p.required[t],
                             t));
        }
    }
    if (p.templates.empty()) {
        fail("no shift template");
    }
    if (p.patterns.empty()) {
        fail("no working-day pattern");
    }
    for (std::size_t i = 0; i < p.patterns.size(); ++i) {
        int working = 0;
        for (const bool w : p.patterns[i]) {
            working += w ? 1 : 0;
        }
        if (p.patterns[i].size() != static_cast<std::size_t>(p.days) || working == 0) {
            fail(fmt::format("pattern {} must have {} day flags and at least one working day", i,
                             p.days));
        }
    }
    for (std::size_t k = 0; k < p.templates.size(); ++k) {
        check_template(p, k);
    }
    check_size(p);
    if (p.start_band < 0) {
        fail(fmt::format("start band {} must be >= 0", p.start_band));
    }
    const auto& w = p.weights;
    if (!std::isfinite(w.labour) || !std::isfinite(w.under) || !std::isfinite(w.over) ||
        w.labour < 0 || w.under < 0 || w.over < 0) {
        fail(fmt::format("weights labour {} under {} over {} must be finite and >= 0", w.labour,
                         w.under, w.over));
    }
    const auto& l = p.limits;
    if (l.max_headcount && *l.max_headcount < 0) {
        fail(fmt::format("max headcount {} must be >= 0", *l.max_headcount));
    }
    if (l.max_part_time_share && !(*l.max_part_time_share >= 0 && *l.max_part_time_share <= 1)) {
        fail(fmt::format("max part-time share {} must be in [0, 1]", *l.max_part_time_share));
    }
    const auto days = static_cast<std::size_t>(p.days);
    if ((!l.min_per_day.empty() && l.min_per_day.size() != days) ||
        (!l.max_per_day.empty() && l.max_per_day.size() != days)) {
        fail(fmt::format("per-day limits need {} values", p.days));
    }
    for (std::size_t d = 0; d < l.min_per_day.size(); ++d) {
        if (l.min_per_day[d] < 0) {
            fail(fmt::format("min agents on day {} is {} (must be >= 0)", d, l.min_per_day[d]));
        }
    }
    for (std::size_t d = 0; d < l.max_per_day.size(); ++d) {
        if (l.max_per_day[d] < 0) {
            fail(fmt::format("max agents on day {} is {} (must be >= 0)", d, l.max_per_day[d]));
        }
    }
}

std::vector<std::vector<bool>> single_day_patterns(int days) {
    std::vector<std::vector<bool>> out;
    for (int d = 0; d < days; ++d) {
        std::vector<bool> p(static_cast<std::size_t>(days), false);
        p[static_cast<std::size_t>(d)] = true;
        out.push_back(std::move(p));
    }
    return out;
}

std::vector<std::vector<bool>> any_days_off_patterns(int days, int working) {
    std::vector<std::vector<bool>> out;
    if (days < 1 || days > 16 || working < 1 || working > days) {
        return out;
    }
    const unsigned n = static_cast<unsigned>(days);
    for (unsigned mask = (1U << n) - 1U;; --mask) {
        if (std::popcount(mask) == working) {
            std::vector<bool> p(n);
            for (unsigned d = 0; d < n; ++d) {
                p[d] = ((mask >> (n - 1U - d)) & 1U) != 0U;
            }
            out.push_back(std::move(p));
        }
        if (mask == 0U) {
            break;
        }
    }
    return out;
}

std::vector<std::vector<bool>> consecutive_days_off_patterns(int days, int working, bool wrap) {
    std::vector<std::vector<bool>> out;
    if (days < 1 || working < 1 || working > days) {
        return out;
    }
    const int off = days - working;
    const int first_last = wrap && off > 0 ? days - 1 : days - off;
    for (int first = 0; first <= first_last; ++first) {
        std::vector<bool> p(static_cast<std::size_t>(days), true);
        for (int i = 0; i < off; ++i) {
            p[static_cast<std::size_t>((first + i) % days)] = false;
        }
        out.push_back(std::move(p));
        if (off == 0) {
            break;
        }
    }
    return out;
}

} // namespace wfm::schedule
