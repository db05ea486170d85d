// A past `wfm review -o` directory read back (`wfm review --past DIR`): its report.json's days
// and intervals per queue, what find_recurrence() needs to look across weeks.
#include "../core/json_decode.hpp"

#include <wfm/core/error.hpp>
#include <wfm/io/json.hpp>
#include <wfm/io/review.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace wfm::io {
namespace {

namespace fs = std::filesystem;
using decode::node;

template <class Parse>
auto parsed_at(const node& n, std::string_view key, std::string_view expected, Parse parse) {
    const node v = n.at(key, expected);
    const auto value = parse(v.string());
    if (!value) {
        v.fail(expected);
    }
    return *value;
}

local_date date_at(const node& n, std::string_view key) {
    return parsed_at(n, key, "a date YYYY-MM-DD", try_parse_date);
}

timestamp time_at(const node& n, std::string_view key) {
    return parsed_at(n, key, "a timestamp YYYY-MM-DDTHH:MM",
                     [](const std::string& s) -> std::optional<timestamp> {
                         try {
                             return parse_timestamp(s);
                         } catch (const invalid_argument&) {
                             return std::nullopt;
                         }
                     });
}

int outside_at(const node& n) {
    return static_cast<int>(n.integer_at("outside_band", -1, 1));
}

report::review_period day_of_review(const node& n) {
    report::review_period p;
    p.start = date_at(n, "start");
    p.accuracy.actual = n.number_at("offered", 0, 1e12);
    p.accuracy.forecast = n.number_at("forecast", 0, 1e12);
    p.lower = n.number_at("band_lower", 0, 1e12);
    p.upper = n.number_at("band_upper", 0, 1e12);
    p.outside = outside_at(n);
    return p;
}

report::review_interval interval_of_review(const node& n) {
    report::review_interval x;
    x.start = time_at(n, "start");
    x.forecast = n.number_at("forecast", 0, 1e12);
    x.offered = n.number_at("offered", 0, 1e12);
    x.lower = n.number_at("lower", 0, 1e12);
    x.upper = n.number_at("upper", 0, 1e12);
    x.outside = outside_at(n);
    return x;
}

report::review_result review_of(const nlohmann::json& doc) {
    const node root{doc, ""};
    report::review_result r;
    r.week_start = date_at(root, "week_start");
    const node qs = root.at("queues", "an array");
    for (std::size_t i = 0, n = qs.array(); i < n; ++i) {
        const node q = qs.at(i);
        report::review_queue out;
        out.name = q.string_at("name");
        const node days = q.at("days", "an array");
        for (std::size_t k = 0, m = days.array(); k < m; ++k) {
            out.days.push_back(day_of_review(days.at(k)));
        }
        const node xs = q.at("intervals", "an array");
        for (std::size_t k = 0, m = xs.array(); k < m; ++k) {
            out.intervals.push_back(interval_of_review(xs.at(k)));
        }
        r.queues.push_back(std::move(out));
    }
    return r;
}

} // namespace

report::review_result read_past_review(const fs::path& dir) {
    const fs::path json_path = dir / "report.json";
    std::error_code ec;
    if (!fs::is_regular_file(json_path, ec)) {
        throw file_error(
            fmt::format("{}: not a `wfm review -o` directory: no report.json", dir.string()));
    }
    const auto doc = read_json_file(json_path);
    try {
        return review_of(doc);
    } catch (const config_error& e) {
        throw config_error(json_path.string() + ": " + e.json_path(),
                           std::string{e.what()}.substr(e.json_path().size() + 2));
    }
}

} // namespace wfm::io
