#include <wfm/schedule/config.hpp>

#include <wfm/core/error.hpp>

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

std::size_t uz(int i) {
    return static_cast<std::size_t>(i);
}

/// A JSON value together with its JSON-pointer path, for error messages.
struct node {
    const json& v;
    std::string path;

    [[noreturn]] void fail(const std::string& expected) const {
        throw wfm::config_error(path.empty() ? "/" : path,
                                fmt::format("expected {}, got {}", expected, v.dump()));
    }
    [[nodiscard]] bool has(const char* key) const { return v.contains(key) && !v[key].is_null(); }
    [[nodiscard]] node at(const char* key) const {
        if (!v.is_object()) {
            fail("an object");
        }
        if (!v.contains(key)) {
            throw wfm::config_error(path + "/" + key, "missing (required)");
        }
        return {v[key], path + "/" + key};
    }
    [[nodiscard]] node at(std::size_t i) const { return {v[i], fmt::format("{}/{}", path, i)}; }
    [[nodiscard]] std::size_t size() const { return v.size(); }
    void object(std::initializer_list<std::string_view> keys) const {
        if (!v.is_object()) {
            fail("an object");
        }
        for (const auto& item : v.items()) {
            if (std::find(keys.begin(), keys.end(), item.key()) == keys.end()) {
                throw wfm::config_error(path + "/" + item.key(), "unknown key");
            }
        }
    }
    void array() const {
        if (!v.is_array()) {
            fail("an array");
        }
    }
    [[nodiscard]] double number() const {
        if (!v.is_number() || !std::isfinite(v.get<double>())) {
            fail("a finite number");
        }
        return v.get<double>();
    }
    [[nodiscard]] double non_negative() const {
        const double x = number();
        if (x < 0) {
            fail("a number >= 0");
        }
        return x;
    }
    [[nodiscard]] int integer(int lo, int hi = std::numeric_limits<int>::max()) const {
        if (!v.is_number_integer() || v.get<long long>() < lo || v.get<long long>() > hi) {
            fail(hi == std::numeric_limits<int>::max()
                     ? fmt::format("an integer >= {}", lo)
                     : fmt::format("an integer in {}..{}", lo, hi));
        }
        return static_cast<int>(v.get<long long>());
    }
    [[nodiscard]] bool boolean() const {
        if (!v.is_boolean()) {
            fail("true or false");
        }
        return v.get<bool>();
    }
    [[nodiscard]] std::string string() const {
        if (!v.is_string()) {
            fail("a string");
        }
        return v.get<std::string>();
    }
    /// `HH:MM` (00:00..23:59) as minutes after midnight.
    [[nodiscard]] int clock_time() const {
        const std::string s = v.is_string() ? v.get<std::string>() : std::string{};
        int h = -1;
        int m = -1;
        if (s.size() == 5 && s[2] == ':') {
            std::from_chars(s.data(), s.data() + 2, h);
            std::from_chars(s.data() + 3, s.data() + 5, m);
        }
        if (h < 0 || h > 23 || m < 0 || m > 59) {
            fail("a time of day \"HH:MM\"");
        }
        return h * 60 + m;
    }
    /// Seven 0/1 flags, Monday first: an array of 0/1 or booleans, or a string like "1111100".
    [[nodiscard]] std::vector<bool> week_flags(int days) const {
        std::vector<bool> out;
        if (v.is_string()) {
            for (const char c : v.get<std::string>()) {
                if (c != '0' && c != '1') {
                    fail(fmt::format("{} day flags (a string of 0 and 1)", days));
                }
                out.push_back(c == '1');
            }
        } else if (v.is_array()) {
            for (const auto& x : v) {
                if (x.is_boolean()) {
                    out.push_back(x.get<bool>());
                } else if (x.is_number_integer() && (x.get<int>() == 0 || x.get<int>() == 1)) {
                    out.push_back(x.get<int>() == 1);
                } else {
                    fail(fmt::format("{} day flags (0/1)", days));
                }
            }
        }
        if (out.size() != uz(days)) {
            fail(fmt::format("{} day flags, Monday first", days));
        }
        return out;
    }
    [[nodiscard]] std::vector<int> int_list(int size, int lo) const {
        array();
        if (v.size() != uz(size)) {
            fail(fmt::format("{} integers", size));
        }
        std::vector<int> out;
        for (std::size_t i = 0; i < v.size(); ++i) {
            out.push_back(at(i).integer(lo));
        }
        return out;
    }
};

constexpr std::string_view day_names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

/// Days a template may run: a list of weekday names or seven 0/1 flags.
std::vector<bool> template_days(const node& n) {
    if (n.v.is_array() && !n.v.empty() && n.v[0].is_string()) {
        std::vector<bool> out(7, false);
        for (std::size_t i = 0; i < n.size(); ++i) {
            const node d = n.at(i);
            const std::string s = d.string();
            const auto* it = std::find(std::begin(day_names), std::end(day_names), s);
            if (it == std::end(day_names)) {
                d.fail("a weekday name Mon..Sun");
            }
            out[static_cast<std::size_t>(it - std::begin(day_names))] = true;
        }
        return out;
    }
    return n.week_flags(7);
}

objective_weights read_weights(const node& n, objective_weights w) {
    n.object({"labour", "under", "over"});
    if (n.has("labour")) {
        w.labour = n.at("labour").non_negative();
    }
    if (n.has("under")) {
        w.under = n.at("under").non_negative();
    }
    if (n.has("over")) {
        w.over = n.at("over").non_negative();
    }
    return w;
}

schedule_config::template_spec read_template(const node& n) {
    n.object({"name", "length_minutes", "start_earliest", "start_latest", "start_step_minutes",
              "days", "cost", "part_time", "min_agents", "max_agents", "breaks"});
    schedule_config::template_spec t;
    t.path = n.path;
    t.name = n.at("name").string();
    t.length_minutes = n.at("length_minutes").integer(1, 1440);
    t.start_earliest = n.at("start_earliest").clock_time();
    t.start_latest = n.has("start_latest") ? n.at("start_latest").clock_time() : t.start_earliest;
    if (t.start_latest < t.start_earliest) {
        n.at("start_latest").fail("a time not before start_earliest");
    }
    if (n.has("start_step_minutes")) {
        t.start_step_minutes = n.at("start_step_minutes").integer(1, 1440);
    }
    if (n.has("days")) {
        t.days = template_days(n.at("days"));
    }
    if (n.has("cost")) {
        t.cost = n.at("cost").non_negative();
    }
    if (n.has("part_time")) {
        t.part_time = n.at("part_time").boolean();
    }
    if (n.has("min_agents")) {
        t.min_agents = n.at("min_agents").integer(0);
    }
    if (n.has("max_agents")) {
        t.max_agents = n.at("max_agents").integer(t.min_agents);
    }
    if (n.has("breaks")) {
        const node bs = n.at("breaks");
        bs.array();
        for (std::size_t i = 0; i < bs.size(); ++i) {
            const node b = bs.at(i);
            b.object({"name", "length_minutes", "earliest_minutes", "latest_minutes", "paid"});
            schedule_config::break_spec s;
            s.name = b.has("name") ? b.at("name").string() : fmt::format("break{}", i + 1);
            s.length_minutes = b.at("length_minutes").integer(1, t.length_minutes - 1);
            s.earliest_minutes = b.at("earliest_minutes").integer(0, t.length_minutes - 1);
            s.latest_minutes =
                b.at("latest_minutes")
                    .integer(s.earliest_minutes, t.length_minutes - s.length_minutes);
            s.paid = b.has("paid") ? b.at("paid").boolean() : true;
            t.breaks.push_back(std::move(s));
        }
    }
    return t;
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
    root.object({"interval_minutes", "mode", "weights", "cyclic", "days_off", "start_band_minutes",
                 "limits", "templates", "description"});
    schedule_config c;
    if (root.has("interval_minutes")) {
        const node n = root.at("interval_minutes");
        const int m = n.integer(1, 60);
        if (1440 % m != 0) {
            n.fail("a divisor of 1440 (5, 10, 15, 30 or 60)");
        }
        c.interval_minutes = m;
    }
    if (root.has("mode")) {
        const node n = root.at("mode");
        const std::string m = n.string();
        if (m == "weighted") {
            c.mode = objective_mode::weighted;
        } else if (m == "pure_fit") {
            c.mode = objective_mode::pure_fit;
        } else if (m == "full_coverage") {
            c.mode = objective_mode::full_coverage;
        } else {
            n.fail("\"weighted\", \"pure_fit\" or \"full_coverage\"");
        }
    }
    if (root.has("weights")) {
        c.weights = read_weights(root.at("weights"), c.weights);
    }
    if (root.has("cyclic")) {
        c.cyclic = root.at("cyclic").boolean();
    }
    if (root.has("days_off")) {
        const node n = root.at("days_off");
        n.object({"kind", "working_days", "patterns"});
        const node kind = n.at("kind");
        const std::string k = kind.string();
        if (k == "consecutive" || k == "any") {
            c.days_off.type =
                k == "any" ? days_off_rule::kind::any : days_off_rule::kind::consecutive;
            c.days_off.working_days =
                n.has("working_days") ? n.at("working_days").integer(1, 7) : 5;
        } else if (k == "list") {
            c.days_off.type = days_off_rule::kind::list;
            const node ps = n.at("patterns");
            ps.array();
            if (ps.size() == 0) {
                ps.fail("at least one pattern");
            }
            for (std::size_t i = 0; i < ps.size(); ++i) {
                std::vector<bool> p = ps.at(i).week_flags(7);
                if (std::none_of(p.begin(), p.end(), [](bool w) { return w; })) {
                    ps.at(i).fail("a pattern with at least one working day");
                }
                c.days_off.patterns.push_back(std::move(p));
            }
        } else if (k == "none") {
            c.days_off.type = days_off_rule::kind::none;
        } else {
            kind.fail("\"consecutive\", \"any\", \"list\" or \"none\"");
        }
    }
    if (root.has("start_band_minutes")) {
        c.start_band_minutes = root.at("start_band_minutes").integer(0, 720);
    }
    if (root.has("limits")) {
        const node n = root.at("limits");
        n.object({"max_headcount", "max_part_time_share", "min_per_day", "max_per_day"});
        if (n.has("max_headcount")) {
            c.limits.max_headcount = n.at("max_headcount").integer(0);
        }
        if (n.has("max_part_time_share")) {
            const node s = n.at("max_part_time_share");
            const double x = s.number();
            if (x < 0 || x > 1) {
                s.fail("a share in [0, 1]");
            }
            c.limits.max_part_time_share = x;
        }
        if (n.has("min_per_day")) {
            c.limits.min_per_day = n.at("min_per_day").int_list(7, 0);
        }
        if (n.has("max_per_day")) {
            c.limits.max_per_day = n.at("max_per_day").int_list(7, 0);
        }
    }
    const node ts = root.at("templates");
    ts.array();
    if (ts.size() == 0) {
        ts.fail("at least one shift template");
    }
    for (std::size_t i = 0; i < ts.size(); ++i) {
        c.templates.push_back(read_template(ts.at(i)));
    }
    return c;
}

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
    p.cyclic = c.cyclic;
    p.required = std::move(required);
    if (p.required.size() != uz(p.intervals())) {
        throw wfm::invalid_argument(
            fmt::format("schedule::make_problem: {} requirement values for a week of {} intervals",
                        p.required.size(), p.intervals()));
    }
    p.mode = c.mode;
    p.weights = c.weights;
    p.limits = c.limits;
    p.start_band = intervals_of(c.start_band_minutes, g, "/start_band_minutes");
    switch (c.days_off.type) {
    case days_off_rule::kind::consecutive:
        p.patterns = consecutive_days_off_patterns(7, c.days_off.working_days, true);
        break;
    case days_off_rule::kind::any:
        p.patterns = any_days_off_patterns(7, c.days_off.working_days);
        break;
    case days_off_rule::kind::list:
        p.patterns = c.days_off.patterns;
        break;
    case days_off_rule::kind::none:
        p.patterns = single_day_patterns(7);
        break;
    }
    for (const auto& t : c.templates) {
        shift_template s;
        s.name = t.name;
        s.length = intervals_of(t.length_minutes, g, t.path + "/length_minutes");
        const int first = intervals_of(t.start_earliest, g, t.path + "/start_earliest");
        const int last = intervals_of(t.start_latest, g, t.path + "/start_latest");
        const int step = intervals_of(t.start_step_minutes == 0 ? g : t.start_step_minutes, g,
                                      t.path + "/start_step_minutes");
        for (int x = first; x <= last; x += step) {
            s.starts.push_back(x);
        }
        s.days = t.days;
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
        p.templates.push_back(std::move(s));
    }
    try {
        check_problem(p);
    } catch (const wfm::invalid_argument& e) {
        throw wfm::config_error("/templates", e.what());
    }
    return p;
}

problem problem_from_instance(const json& doc) {
    const node root{doc, ""};
    if (!doc.is_object()) {
        root.fail("an instance object");
    }
    problem p;
    p.interval_minutes = root.at("interval_minutes").integer(1, 1440);
    p.days = root.at("days").integer(1, 31);
    p.periods_per_day = root.at("periods_per_day").integer(1, 1440);
    if (p.interval_minutes * p.periods_per_day != 1440) {
        root.at("periods_per_day")
            .fail(fmt::format("1440 / interval_minutes = {}", 1440 / p.interval_minutes));
    }
    p.cyclic = root.has("cyclic") && root.at("cyclic").boolean();
    const node req = root.at("required");
    req.array();
    if (req.size() != uz(p.intervals())) {
        req.fail(fmt::format("{} values (days x periods_per_day)", p.intervals()));
    }
    for (std::size_t t = 0; t < req.size(); ++t) {
        p.required.push_back(req.at(t).non_negative());
    }
    const node ts = root.at("shift_templates");
    ts.array();
    for (std::size_t k = 0; k < ts.size(); ++k) {
        const node n = ts.at(k);
        shift_template s;
        s.name = n.has("name") ? n.at("name").string() : fmt::format("t{}", k + 1);
        s.length = n.at("length").integer(1, p.periods_per_day);
        const node st = n.at("starts");
        st.array();
        for (std::size_t i = 0; i < st.size(); ++i) {
            s.starts.push_back(st.at(i).integer(0, p.periods_per_day - 1));
        }
        std::sort(s.starts.begin(), s.starts.end());
        s.starts.erase(std::unique(s.starts.begin(), s.starts.end()), s.starts.end());
        s.cost = n.at("cost_per_shift").non_negative();
        s.part_time = n.has("part_time") && n.at("part_time").boolean();
        if (n.has("breaks")) {
            const node bs = n.at("breaks");
            bs.array();
            for (std::size_t b = 0; b < bs.size(); ++b) {
                const node bn = bs.at(b);
                break_rule r;
                r.name = bn.has("name") ? bn.at("name").string() : fmt::format("break{}", b + 1);
                r.length = bn.at("length").integer(1, s.length - 1);
                r.earliest = bn.at("earliest").integer(0, s.length - 1);
                r.latest = bn.at("latest").integer(r.earliest, s.length - r.length);
                r.paid = bn.has("paid") && bn.at("paid").boolean();
                s.breaks.push_back(std::move(r));
            }
        }
        p.templates.push_back(std::move(s));
    }
    if (root.has("days_off_patterns")) {
        const node ps = root.at("days_off_patterns");
        ps.array();
        for (std::size_t i = 0; i < ps.size(); ++i) {
            p.patterns.push_back(ps.at(i).week_flags(p.days));
        }
    } else {
        p.patterns = single_day_patterns(p.days);
    }
    if (root.has("constraints")) {
        const node c = root.at("constraints");
        if (c.has("max_part_time_share")) {
            p.limits.max_part_time_share = c.at("max_part_time_share").non_negative();
        }
        if (c.has("max_headcount")) {
            p.limits.max_headcount = c.at("max_headcount").integer(0);
        }
    }
    if (root.has("weights")) {
        p.weights = read_weights(root.at("weights"), p.weights);
    }
    try {
        check_problem(p);
    } catch (const wfm::invalid_argument& e) {
        throw wfm::config_error("/", e.what());
    }
    return p;
}

} // namespace wfm::schedule
