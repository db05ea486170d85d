#include <wfm/schedule/config.hpp>

#include <wfm/core/error.hpp>
#include <wfm/schedule/detail/index.hpp>

#include "../core/json_decode.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <initializer_list>
#include <limits>
#include <string_view>

namespace wfm::schedule {
namespace {

using nlohmann::json;

using detail::to_index;

using decode::node;

constexpr int int_max = std::numeric_limits<int>::max();

int int_in(const node& n, int lo, int hi = int_max) {
    return static_cast<int>(n.integer(lo, hi));
}

int int_at(const node& n, const char* key, int lo, int hi = int_max) {
    return static_cast<int>(n.integer_at(key, lo, hi));
}

/// `HH:MM` (00:00..23:59) as minutes after midnight.
int clock_time(const node& n) {
    const std::string s = n.value().is_string() ? n.value().get<std::string>() : std::string{};
    int h = -1;
    int m = -1;
    if (s.size() == 5 && s[2] == ':') {
        std::from_chars(s.data(), s.data() + 2, h);
        std::from_chars(s.data() + 3, s.data() + 5, m);
    }
    if (h < 0 || h > 23 || m < 0 || m > 59) {
        n.fail("a time of day \"HH:MM\"");
    }
    return h * 60 + m;
}

/// Seven 0/1 flags, Monday first: an array of 0/1 or booleans, or a string like "1111100".
std::vector<bool> week_flags(const node& n, int days) {
    const json& v = n.value();
    std::vector<bool> out;
    if (v.is_string()) {
        for (const char c : v.get_ref<const std::string&>()) {
            if (c != '0' && c != '1') {
                n.fail(fmt::format("{} day flags (a string of 0 and 1)", days));
            }
            out.push_back(c == '1');
        }
    } else if (v.is_array()) {
        for (const auto& x : v) {
            if (x.is_boolean()) {
                out.push_back(x.get<bool>());
            } else if (x.is_number_integer() &&
                       (x.get<long long>() == 0 || x.get<long long>() == 1)) {
                out.push_back(x.get<long long>() == 1);
            } else {
                n.fail(fmt::format("{} day flags (0/1)", days));
            }
        }
    }
    if (out.size() != to_index(days)) {
        n.fail(fmt::format("{} day flags, Monday first", days));
    }
    return out;
}

std::vector<int> int_list(const node& n, int size, int lo) {
    if (n.array(fmt::format("{} integers", size)) != to_index(size)) {
        n.fail(fmt::format("{} integers", size));
    }
    std::vector<int> out;
    for (std::size_t i = 0; i < to_index(size); ++i) {
        out.push_back(int_in(n.at(i), lo));
    }
    return out;
}

constexpr std::string_view day_names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

/// A weekday name Mon..Sun as 0 = Monday … 6 = Sunday.
int weekday_of(const node& n) {
    const std::string s = n.value().is_string() ? n.value().get<std::string>() : std::string{};
    const auto* it = std::find(std::begin(day_names), std::end(day_names), s);
    if (it == std::end(day_names)) {
        n.fail("a weekday name Mon..Sun");
    }
    return static_cast<int>(it - std::begin(day_names));
}

/// Days a template may run: a list of weekday names or seven 0/1 flags.
std::vector<bool> template_days(const node& n) {
    const json& v = n.value();
    if (v.is_array() && !v.empty() && v[0].is_string()) {
        std::vector<bool> out(7, false);
        for (std::size_t i = 0; i < v.size(); ++i) {
            out[to_index(weekday_of(n.at(i)))] = true;
        }
        return out;
    }
    return week_flags(n, 7);
}

objective_weights read_weights(const node& n, objective_weights w) {
    n.keys({"labour", "under", "over"});
    for (auto [key, into] : {std::pair{"labour", &w.labour}, std::pair{"under", &w.under},
                             std::pair{"over", &w.over}}) {
        if (const auto x = n.find(key)) {
            *into = x->number_at_least(0.0);
        }
    }
    return w;
}

days_off_rule read_days_off(const node& n) {
    n.keys({"kind", "working_days", "patterns"});
    using kind = days_off_rule::kind;
    days_off_rule r;
    r.type = n.at("kind", "\"consecutive\", \"any\", \"list\" or \"none\"")
                 .choice<kind>({{"consecutive", kind::consecutive},
                                {"any", kind::any},
                                {"list", kind::list},
                                {"none", kind::none}});
    if (r.type == kind::consecutive || r.type == kind::any) {
        r.working_days = static_cast<int>(n.integer_or("working_days", 1, 7, 5));
    } else if (r.type == kind::list) {
        const node ps = n.at("patterns", "an array of day-off patterns");
        if (ps.array() == 0) {
            ps.fail("at least one pattern");
        }
        for (std::size_t i = 0; i < ps.value().size(); ++i) {
            std::vector<bool> p = week_flags(ps.at(i), 7);
            if (std::none_of(p.begin(), p.end(), [](bool w) { return w; })) {
                ps.at(i).fail("a pattern with at least one working day");
            }
            r.patterns.push_back(std::move(p));
        }
    }
    return r;
}

schedule_config::break_spec read_break(const node& b, std::size_t i, int length) {
    b.keys({"name", "length_minutes", "earliest_minutes", "latest_minutes", "paid"});
    schedule_config::break_spec s;
    s.name = b.string_or("name", fmt::format("break{}", i + 1));
    s.length_minutes = int_at(b, "length_minutes", 1, length - 1);
    s.earliest_minutes = int_at(b, "earliest_minutes", 0, length - 1);
    s.latest_minutes = int_at(b, "latest_minutes", s.earliest_minutes, length - s.length_minutes);
    s.paid = b.boolean_or("paid", true);
    return s;
}

schedule_config::template_spec read_template(const node& n) {
    n.keys({"name", "length_minutes", "start_earliest", "start_latest", "start_step_minutes",
            "days", "days_off", "cost", "hourly_rate", "part_time", "min_agents", "max_agents",
            "breaks"});
    schedule_config::template_spec t;
    t.path = n.pointer();
    t.name = n.string_at("name");
    t.length_minutes = int_at(n, "length_minutes", 1, 1440);
    t.start_earliest = clock_time(n.at("start_earliest", "a time of day \"HH:MM\""));
    t.start_latest = t.start_earliest;
    if (const auto latest = n.find("start_latest")) {
        t.start_latest = clock_time(*latest);
        if (t.start_latest < t.start_earliest) {
            latest->fail("a time not before start_earliest");
        }
    }
    t.start_step_minutes = static_cast<int>(n.integer_or("start_step_minutes", 1, 1440, 0));
    if (const auto days = n.find("days")) {
        t.days = template_days(*days);
    }
    if (const auto rule = n.find("days_off")) {
        t.days_off = read_days_off(*rule);
    }
    if (const auto cost = n.find("cost")) {
        t.cost = cost->number_at_least(0.0);
    }
    if (const auto rate = n.find("hourly_rate")) {
        t.hourly_rate = rate->number_at_least(0.0);
    }
    t.part_time = n.boolean_or("part_time", false);
    t.min_agents = static_cast<int>(n.integer_or("min_agents", 0, int_max, 0));
    if (n.has("max_agents")) {
        t.max_agents = int_at(n, "max_agents", t.min_agents);
    }
    if (const auto bs = n.find("breaks")) {
        const std::size_t count = bs->array();
        for (std::size_t i = 0; i < count; ++i) {
            t.breaks.push_back(read_break(bs->at(i), i, t.length_minutes));
        }
    }
    return t;
}

schedule_limits read_limits(const node& n) {
    n.keys({"max_headcount", "max_part_time_share", "min_per_day", "max_per_day"});
    schedule_limits l;
    if (n.has("max_headcount")) {
        l.max_headcount = int_at(n, "max_headcount", 0);
    }
    if (n.has("max_part_time_share")) {
        l.max_part_time_share = n.number_at("max_part_time_share", 0.0, 1.0);
    }
    if (const auto m = n.find("min_per_day")) {
        l.min_per_day = int_list(*m, 7, 0);
    }
    if (const auto m = n.find("max_per_day")) {
        l.max_per_day = int_list(*m, 7, 0);
    }
    return l;
}

/// Minutes → whole grid intervals; config_error at `path` when off the grid.
int intervals_of(int minutes, int grid, const std::string& path) {
    if (minutes % grid != 0) {
        throw wfm::config_error(path, fmt::format("expected a multiple of the {}-minute grid, got "
                                                  "{} minutes",
                                                  grid, minutes));
    }
    return minutes / grid;
}

} // namespace

schedule_config config_from_json(const json& doc) {
    const node root{doc, ""};
    root.keys({"interval_minutes", "week_start", "mode", "weights", "cyclic", "days_off",
               "start_band_minutes", "limits", "templates", "description",
               "roster"}); // `roster`: rostering rules, decoded by roster::rules_from_json
    schedule_config c;
    if (const auto n = root.find("interval_minutes")) {
        const int m = int_in(*n, 1, 60);
        if (1440 % m != 0) {
            n->fail("a divisor of 1440 (5, 10, 15, 30 or 60)");
        }
        c.interval_minutes = m;
    }
    if (const auto n = root.find("week_start")) {
        c.week_start = weekday_of(*n);
    }
    if (const auto n = root.find("mode")) {
        c.mode = n->choice<objective_mode>({{"weighted", objective_mode::weighted},
                                            {"pure_fit", objective_mode::pure_fit},
                                            {"full_coverage", objective_mode::full_coverage}});
    }
    if (const auto n = root.find("weights")) {
        c.weights = read_weights(*n, c.weights);
    }
    c.cyclic = root.boolean_or("cyclic", false);
    if (const auto n = root.find("days_off")) {
        c.days_off = read_days_off(*n);
    }
    c.start_band_minutes = static_cast<int>(root.integer_or("start_band_minutes", 0, 720, 0));
    if (const auto n = root.find("limits")) {
        c.limits = read_limits(*n);
    }
    const node ts = root.at("templates", "an array of shift templates");
    if (ts.array() == 0) {
        ts.fail("at least one shift template");
    }
    for (std::size_t i = 0; i < ts.value().size(); ++i) {
        c.templates.push_back(read_template(ts.at(i)));
    }
    return c;
}

namespace {

/// A Monday-first weekly vector seen from problem day 0 = weekday `first`.
template <class T> std::vector<T> from_weekday(const std::vector<T>& v, int first) {
    std::vector<T> out;
    for (std::size_t d = 0; d < v.size(); ++d) {
        out.push_back(v[(d + to_index(first)) % v.size()]);
    }
    return out;
}

/// The working-day patterns of a rule on the problem's days (day 0 = weekday `first`).
std::vector<std::vector<bool>> rule_patterns(const days_off_rule& r, int first) {
    switch (r.type) {
    case days_off_rule::kind::consecutive:
        return consecutive_days_off_patterns(7, r.working_days, true); // any rotation of a week
    case days_off_rule::kind::any:
        return any_days_off_patterns(7, r.working_days);
    case days_off_rule::kind::list: {
        std::vector<std::vector<bool>> out;
        for (const auto& pattern : r.patterns) {
            out.push_back(from_weekday(pattern, first));
        }
        return out;
    }
    case days_off_rule::kind::none:
        break;
    }
    return single_day_patterns(7);
}

/// Appends a rule's patterns to the problem's (each distinct pattern once) and returns their
/// indices, ascending.
std::vector<int> add_patterns(problem& p, const days_off_rule& r) {
    std::vector<int> out;
    for (auto& pattern : rule_patterns(r, p.first_weekday)) {
        const auto it = std::find(p.patterns.begin(), p.patterns.end(), pattern);
        out.push_back(static_cast<int>(it - p.patterns.begin()));
        if (it == p.patterns.end()) {
            p.patterns.push_back(std::move(pattern));
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

/// The union of the global rule (when a template uses it) and every template's own rule; a
/// template keeps the indices of its rule's patterns, or all of them when no template has its
/// own rule.
void assign_patterns(problem& p, const schedule_config& c) {
    const bool own = std::any_of(c.templates.begin(), c.templates.end(),
                                 [](const auto& t) { return t.days_off.has_value(); });
    const bool global = std::any_of(c.templates.begin(), c.templates.end(),
                                    [](const auto& t) { return !t.days_off.has_value(); });
    const std::vector<int> shared = global ? add_patterns(p, c.days_off) : std::vector<int>{};
    for (std::size_t k = 0; k < c.templates.size(); ++k) {
        const auto& rule = c.templates[k].days_off;
        if (own) {
            p.templates[k].patterns = rule ? add_patterns(p, *rule) : shared;
        }
    }
}

/// A template in grid intervals; config_error at its path when a time is off the grid.
shift_template grid_template(const schedule_config::template_spec& t, int g, int first) {
    shift_template s;
    s.name = t.name;
    s.length = intervals_of(t.length_minutes, g, t.path + "/length_minutes");
    const int lo = intervals_of(t.start_earliest, g, t.path + "/start_earliest");
    const int hi = intervals_of(t.start_latest, g, t.path + "/start_latest");
    const int step = intervals_of(t.start_step_minutes == 0 ? g : t.start_step_minutes, g,
                                  t.path + "/start_step_minutes");
    for (int x = lo; x <= hi; x += step) {
        s.starts.push_back(x);
    }
    s.days = from_weekday(t.days, first);
    s.part_time = t.part_time;
    s.min_tours = t.min_agents;
    s.max_tours = t.max_agents;
    int unpaid = 0;
    for (std::size_t b = 0; b < t.breaks.size(); ++b) {
        const auto& spec = t.breaks[b];
        const std::string bp = fmt::format("{}/breaks/{}", t.path, b);
        break_rule r;
        r.name = spec.name;
        r.length = intervals_of(spec.length_minutes, g, bp + "/length_minutes");
        r.earliest = intervals_of(spec.earliest_minutes, g, bp + "/earliest_minutes");
        r.latest = intervals_of(spec.latest_minutes, g, bp + "/latest_minutes");
        r.paid = spec.paid;
        unpaid += spec.paid ? 0 : spec.length_minutes;
        s.breaks.push_back(std::move(r));
    }
    s.cost = t.cost.value_or((t.length_minutes - unpaid) / 60.0);
    return s;
}

} // namespace

problem make_problem(const schedule_config& c, int interval_minutes, std::vector<double> required) {
    const int g = interval_minutes;
    if (g < 1 || 1440 % g != 0) {
        throw wfm::invalid_argument(
            fmt::format("schedule::make_problem: interval of {} minutes does not divide a day", g));
    }
    if (c.interval_minutes && *c.interval_minutes != g) {
        throw wfm::config_error("/interval_minutes",
                                fmt::format("expected the requirements' grid of {} minutes, got {}",
                                            g, *c.interval_minutes));
    }
    problem p;
    p.interval_minutes = g;
    p.days = 7;
    p.periods_per_day = 1440 / g;
    p.first_weekday = c.week_start;
    p.cyclic = c.cyclic;
    p.required = std::move(required);
    if (p.required.size() != to_index(p.intervals())) {
        throw wfm::invalid_argument(
            fmt::format("schedule::make_problem: {} requirement values for a week of {} intervals",
                        p.required.size(), p.intervals()));
    }
    p.mode = c.mode;
    // labour is per unit of cost (paid hours); shortage and redundancy per agent-hour
    const double hours_per_interval = g / 60.0;
    p.weights = {c.weights.labour, c.weights.under * hours_per_interval,
                 c.weights.over * hours_per_interval};
    p.limits = c.limits;
    p.limits.min_per_day = from_weekday(c.limits.min_per_day, c.week_start);
    p.limits.max_per_day = from_weekday(c.limits.max_per_day, c.week_start);
    p.start_band = intervals_of(c.start_band_minutes, g, "/start_band_minutes");
    for (const auto& t : c.templates) {
        p.templates.push_back(grid_template(t, g, c.week_start));
    }
    assign_patterns(p, c);
    try {
        check_problem(p);
    } catch (const wfm::invalid_argument& e) {
        throw wfm::config_error("/templates", e.what());
    }
    return p;
}

namespace {

shift_template instance_template(const node& n, std::size_t k, int periods_per_day) {
    shift_template s;
    s.name = n.string_or("name", fmt::format("t{}", k + 1));
    s.length = int_at(n, "length", 1, periods_per_day);
    const node st = n.at("starts", "an array of start periods");
    for (std::size_t i = 0; i < st.array(); ++i) {
        s.starts.push_back(int_in(st.at(i), 0, periods_per_day - 1));
    }
    std::sort(s.starts.begin(), s.starts.end());
    s.starts.erase(std::unique(s.starts.begin(), s.starts.end()), s.starts.end());
    s.cost = n.at("cost_per_shift", "a number >= 0").number_at_least(0.0);
    s.part_time = n.boolean_or("part_time", false);
    if (const auto bs = n.find("breaks")) {
        for (std::size_t b = 0; b < bs->array(); ++b) {
            const node bn = bs->at(b);
            break_rule r;
            r.name = bn.string_or("name", fmt::format("break{}", b + 1));
            r.length = int_at(bn, "length", 1, s.length - 1);
            r.earliest = int_at(bn, "earliest", 0, s.length - 1);
            r.latest = int_at(bn, "latest", r.earliest, s.length - r.length);
            r.paid = bn.boolean_or("paid", false);
            s.breaks.push_back(std::move(r));
        }
    }
    return s;
}

} // namespace

problem problem_from_instance(const json& doc) {
    const node root{doc, ""};
    if (!doc.is_object()) {
        root.fail("an instance object");
    }
    problem p;
    p.interval_minutes = int_at(root, "interval_minutes", 1, 1440);
    if (1440 % p.interval_minutes != 0) {
        root.child("interval_minutes").fail("a divisor of 1440");
    }
    p.days = int_at(root, "days", 1, 31);
    p.periods_per_day = int_at(root, "periods_per_day", 1, 1440);
    if (p.interval_minutes * p.periods_per_day != 1440) {
        root.child("periods_per_day")
            .fail(fmt::format("1440 / interval_minutes = {}", 1440 / p.interval_minutes));
    }
    p.cyclic = root.boolean_or("cyclic", false);
    const node req = root.at("required", "an array of requirements");
    if (req.array() != to_index(p.intervals())) {
        req.fail(fmt::format("{} values (days x periods_per_day)", p.intervals()));
    }
    for (std::size_t t = 0; t < req.value().size(); ++t) {
        p.required.push_back(req.at(t).number_at_least(0.0));
    }
    const node ts = root.at("shift_templates", "an array of shift templates");
    for (std::size_t k = 0; k < ts.array(); ++k) {
        p.templates.push_back(instance_template(ts.at(k), k, p.periods_per_day));
    }
    if (const auto ps = root.find("days_off_patterns")) {
        for (std::size_t i = 0; i < ps->array(); ++i) {
            p.patterns.push_back(week_flags(ps->at(i), p.days));
        }
    } else {
        p.patterns = single_day_patterns(p.days);
    }
    if (const auto c = root.find("constraints")) {
        if (const auto share = c->find("max_part_time_share")) {
            p.limits.max_part_time_share = share->number_at_least(0.0);
        }
        if (c->has("max_headcount")) {
            p.limits.max_headcount = int_at(*c, "max_headcount", 0);
        }
    }
    if (const auto w = root.find("weights")) {
        p.weights = read_weights(*w, p.weights);
    }
    try {
        check_problem(p);
    } catch (const wfm::invalid_argument& e) {
        throw wfm::config_error("/", e.what());
    }
    return p;
}

} // namespace wfm::schedule
