// Schedule evaluation and validation straight from the problem definition, sharing no code with
// the optimiser so that each checks the other.
#include <wfm/schedule/detail/index.hpp>
#include <wfm/schedule/solve.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace wfm::schedule {
namespace {

using detail::to_index;

bool valid_indices(const problem& p, const tour& x) {
    return x.template_index >= 0 && to_index(x.template_index) < p.templates.size() &&
           x.pattern_index >= 0 && to_index(x.pattern_index) < p.patterns.size() &&
           x.starts.size() == to_index(p.days) && x.break_offsets.size() == to_index(p.days);
}

int working_days(const problem& p, const tour& x) {
    int n = 0;
    for (const bool w : p.patterns[to_index(x.pattern_index)]) {
        n += w ? 1 : 0;
    }
    return n;
}

} // namespace

std::vector<int> coverage_of(const problem& p, const std::vector<tour>& tours) {
    const int T = p.intervals();
    std::vector<int> cov(to_index(T), 0);
    for (const tour& x : tours) {
        if (!valid_indices(p, x)) {
            continue;
        }
        const shift_template& st = p.templates[to_index(x.template_index)];
        for (int d = 0; d < p.days; ++d) {
            const int s = x.starts[to_index(d)];
            if (s < 0) {
                continue;
            }
            for (int o = 0; o < st.length; ++o) {
                bool on_break = false;
                const auto& offsets = x.break_offsets[to_index(d)];
                for (std::size_t b = 0; b < st.breaks.size() && b < offsets.size(); ++b) {
                    on_break =
                        on_break || (o >= offsets[b] && o < offsets[b] + st.breaks[b].length);
                }
                long t = static_cast<long>(d) * p.periods_per_day + s + o;
                if (t >= T) {
                    if (!p.cyclic) {
                        continue;
                    }
                    t %= T;
                }
                if (!on_break) {
                    ++cov[static_cast<std::size_t>(t)];
                }
            }
        }
    }
    return cov;
}

schedule_metrics metrics_of(const problem& p, const std::vector<tour>& tours) {
    schedule_metrics m;
    const std::vector<int> cov = coverage_of(p, tours);
    m.tours_by_template.assign(p.templates.size(), 0);
    for (const tour& x : tours) {
        if (!valid_indices(p, x)) {
            continue;
        }
        m.labour_cost += p.templates[to_index(x.template_index)].cost * working_days(p, x);
        ++m.tours_by_template[to_index(x.template_index)];
        ++m.headcount;
    }
    int scope = 0;
    int within5 = 0;
    int within10 = 0;
    int demanded = 0;
    int covered = 0;
    for (std::size_t t = 0; t < cov.size(); ++t) {
        const double r = p.required[t];
        const double c = cov[t];
        m.required_total += r;
        m.shortage += std::max(r - c, 0.0);
        m.redundancy += std::max(c - r, 0.0);
        if (r > 0 || c > 0) {
            ++scope;
            within5 += std::abs(c - r) <= 0.05 * r + 1e-9 ? 1 : 0;
            within10 += std::abs(c - r) <= 0.10 * r + 1e-9 ? 1 : 0;
        }
        if (r > 0) {
            ++demanded;
            covered += c >= r - 1e-9 ? 1 : 0;
        }
    }
    if (m.required_total > 0) {
        m.fit = 1.0 - (m.shortage + m.redundancy) / m.required_total;
        m.shortage_ratio = m.shortage / m.required_total;
        m.redundancy_ratio = m.redundancy / m.required_total;
    }
    m.within_5 = scope > 0 ? static_cast<double>(within5) / scope : 1.0;
    m.within_10 = scope > 0 ? static_cast<double>(within10) / scope : 1.0;
    m.covered_share = demanded > 0 ? static_cast<double>(covered) / demanded : 1.0;
    return m;
}

double objective(const problem& p, const schedule_metrics& m) {
    switch (p.mode) {
    case objective_mode::pure_fit:
        return m.shortage + m.redundancy;
    case objective_mode::full_coverage:
        return p.weights.labour * m.labour_cost;
    case objective_mode::weighted:
        break;
    }
    return p.weights.labour * m.labour_cost + p.weights.under * m.shortage +
           p.weights.over * m.redundancy;
}

namespace {

/// Break windows and overlaps of tour i's shift on day d.
void check_breaks(const shift_template& st, std::size_t i, int d, const std::vector<int>& offsets,
                  std::vector<std::string>& out) {
    for (std::size_t b = 0; b < offsets.size(); ++b) {
        const break_rule& r = st.breaks[b];
        if (offsets[b] < r.earliest || offsets[b] > r.latest) {
            out.push_back(fmt::format("tour {}: day {} break '{}' starts at offset {}, "
                                      "outside {}..{}",
                                      i + 1, d + 1, r.name, offsets[b], r.earliest, r.latest));
        }
        for (std::size_t j = 0; j < b; ++j) {
            if (offsets[b] < offsets[j] + st.breaks[j].length &&
                offsets[j] < offsets[b] + r.length) {
                out.push_back(fmt::format("tour {}: day {} breaks '{}' and '{}' overlap", i + 1,
                                          d + 1, st.breaks[j].name, r.name));
            }
        }
    }
}

/// Headcount, part-time share, per-template and per-day limits.
void check_limits(const problem& p, int n, int part_time, const std::vector<int>& per_template,
                  const std::vector<int>& per_day, std::vector<std::string>& out) {
    const auto& l = p.limits;
    if (l.max_headcount && n > *l.max_headcount) {
        out.push_back(fmt::format("{} agents exceed max_headcount {}", n, *l.max_headcount));
    }
    if (l.max_part_time_share && part_time > *l.max_part_time_share * n + 1e-9) {
        out.push_back(fmt::format("{} part-time agents of {} exceed the share {}", part_time, n,
                                  *l.max_part_time_share));
    }
    for (std::size_t k = 0; k < p.templates.size(); ++k) {
        const shift_template& st = p.templates[k];
        if (per_template[k] < st.min_tours || (st.max_tours && per_template[k] > *st.max_tours)) {
            out.push_back(fmt::format("template '{}' has {} agents, limits are {}..{}", st.name,
                                      per_template[k], st.min_tours,
                                      st.max_tours ? std::to_string(*st.max_tours) : "none"));
        }
    }
    for (std::size_t d = 0; d < per_day.size(); ++d) {
        if (!l.min_per_day.empty() && per_day[d] < l.min_per_day[d]) {
            out.push_back(fmt::format("day {} has {} agents, fewer than the minimum {}", d + 1,
                                      per_day[d], l.min_per_day[d]));
        }
        if (!l.max_per_day.empty() && per_day[d] > l.max_per_day[d]) {
            out.push_back(fmt::format("day {} has {} agents, more than the maximum {}", d + 1,
                                      per_day[d], l.max_per_day[d]));
        }
    }
}

/// One tour's template rules: its pattern, starts, band, overlaps and breaks; counts its days.
void check_tour(const problem& p, const tour& x, std::size_t i, std::vector<int>& per_day,
                std::vector<std::string>& out) {
    const shift_template& st = p.templates[to_index(x.template_index)];
    const auto& pattern = p.patterns[to_index(x.pattern_index)];
    const auto allowed = [&](int s) {
        return std::find(st.starts.begin(), st.starts.end(), s) != st.starts.end();
    };
    if (!st.patterns.empty() &&
        !std::binary_search(st.patterns.begin(), st.patterns.end(), x.pattern_index)) {
        out.push_back(fmt::format("tour {}: days-off pattern {} breaks the days-off rule of '{}'",
                                  i + 1, x.pattern_index + 1, st.name));
    }
    if (!allowed(x.reference_start)) {
        out.push_back(fmt::format("tour {}: reference start {} is not a start of '{}'", i + 1,
                                  x.reference_start, st.name));
    }
    for (int d = 0; d < p.days; ++d) {
        const int s = x.starts[to_index(d)];
        const auto& offsets = x.break_offsets[to_index(d)];
        if (!pattern[to_index(d)]) {
            if (s >= 0 || !offsets.empty()) {
                out.push_back(fmt::format("tour {}: works on day {}, a day off", i + 1, d + 1));
            }
            continue;
        }
        ++per_day[to_index(d)];
        if (!st.days.empty() && !st.days[to_index(d)]) {
            out.push_back(
                fmt::format("tour {}: '{}' may not run on day {}", i + 1, st.name, d + 1));
        }
        if (!allowed(s)) {
            out.push_back(fmt::format("tour {}: day {} start {} is not a start of '{}'", i + 1,
                                      d + 1, s, st.name));
        }
        if (std::abs(s - x.reference_start) > p.start_band) {
            out.push_back(fmt::format("tour {}: day {} start {} is more than {} intervals "
                                      "from the reference start {}",
                                      i + 1, d + 1, s, p.start_band, x.reference_start));
        }
        const int next = (d + 1) % p.days;
        if ((next != 0 || p.cyclic) && pattern[to_index(next)] && x.starts[to_index(next)] >= 0 &&
            s + st.length > p.periods_per_day + x.starts[to_index(next)]) {
            out.push_back(
                fmt::format("tour {}: the shift of day {} overlaps the next one", i + 1, d + 1));
        }
        if (offsets.size() != st.breaks.size()) {
            out.push_back(fmt::format("tour {}: day {} has {} breaks, '{}' needs {}", i + 1, d + 1,
                                      offsets.size(), st.name, st.breaks.size()));
            continue;
        }
        check_breaks(st, i, d, offsets, out);
    }
}

} // namespace

std::vector<std::string> validate(const problem& p, const std::vector<tour>& tours) {
    std::vector<std::string> out;
    std::vector<int> per_template(p.templates.size(), 0);
    std::vector<int> per_day(to_index(p.days), 0);
    int part_time = 0;
    for (std::size_t i = 0; i < tours.size(); ++i) {
        const tour& x = tours[i];
        if (!valid_indices(p, x)) {
            out.push_back(
                fmt::format("tour {}: template/pattern index or day count out of range", i + 1));
            continue;
        }
        const shift_template& st = p.templates[to_index(x.template_index)];
        ++per_template[to_index(x.template_index)];
        part_time += st.part_time ? 1 : 0;
        check_tour(p, x, i, per_day, out);
    }
    check_limits(p, static_cast<int>(tours.size()), part_time, per_template, per_day, out);
    return out;
}

} // namespace wfm::schedule
