// A `wfm plan --out` directory read back for `wfm review`: report.json's queues and intervals.
#include "../core/json_decode.hpp"

#include <wfm/core/error.hpp>
#include <wfm/io/json.hpp>
#include <wfm/io/review.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <system_error>

namespace wfm::io {
namespace {

namespace fs = std::filesystem;
using decode::node;

std::optional<double> opt_number(const node& n, std::string_view key) {
    const auto v = n.find(key);
    return v ? std::optional<double>{v->number()} : std::nullopt;
}

timestamp timestamp_at(const node& n, std::string_view key) {
    const node v = n.at(key, "a timestamp YYYY-MM-DDTHH:MM");
    try {
        return parse_timestamp(v.string());
    } catch (const invalid_argument&) {
        v.fail("a timestamp YYYY-MM-DDTHH:MM");
    }
}

report::interval_outcome interval_of(const node& n) {
    report::interval_outcome o;
    o.start = timestamp_at(n, "start");
    o.volume = n.number_at("volume", 0, 1e12);
    o.volume_lower = n.number_at("volume_lower", 0, 1e12);
    o.volume_upper = n.number_at("volume_upper", 0, 1e12);
    o.aht_s = n.number_at("aht_s", 0, 86400);
    o.required = n.number_at("required", 0, 1e9);
    o.scheduled = n.number_at("scheduled", 0, 1e9);
    o.service_level = opt_number(n, "service_level");
    o.asa_s = opt_number(n, "asa_s");
    o.abandon = opt_number(n, "abandon");
    o.answer_rate = opt_number(n, "answer_rate");
    o.occupancy = opt_number(n, "occupancy");
    o.open = n.boolean_at("open");
    return o;
}

report::channel_plan channel_of(const node& n) {
    report::channel_plan c;
    c.name = n.string_at("name");
    c.channel = n.string_or("channel", c.name);
    c.pool = n.string_or("pool", "");
    const node t = n.at("target", "an object");
    c.target.service_level = t.number_at("service_level", 0, 1);
    c.target.threshold = std::chrono::seconds{t.integer_at("threshold_s", 0, 86400)};
    c.target.sl_variant = t.string_or("sl_variant", "offered");
    c.shrinkage = n.number_or("shrinkage", 0, 1, 0);
    c.self_service_rate = n.number_or("self_service_rate", 0, 1, 0);
    const node xs = n.at("intervals", "an array");
    const std::size_t count = xs.array();
    c.intervals.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        c.intervals.push_back(interval_of(xs.at(i)));
    }
    return c;
}

report::plan_report report_of(const nlohmann::json& doc) {
    const node root{doc, ""};
    report::plan_report r;
    r.title = root.string_or("title", r.title);
    const node week = root.at("week_start", "a date YYYY-MM-DD");
    const auto d = try_parse_date(week.string());
    if (!d) {
        week.fail("a date YYYY-MM-DD");
    }
    r.week_start = *d;
    const node minutes = root.at("interval_minutes", "5, 10, 15, 30 or 60");
    try {
        r.grid = interval_grid{std::chrono::minutes{minutes.integer(5, 60)}};
    } catch (const invalid_argument&) {
        minutes.fail("5, 10, 15, 30 or 60");
    }
    r.lang = root.string_or("lang", "en");
    const node chs = root.at("channels", "an array");
    for (std::size_t i = 0, n = chs.array(); i < n; ++i) {
        r.channels.push_back(channel_of(chs.at(i)));
    }
    if (const auto notes = root.find("notes")) {
        for (std::size_t i = 0, n = notes->array(); i < n; ++i) {
            r.notes.push_back(notes->at(i).string());
        }
    }
    return r;
}

// The config of `wfm plan`'s note `config PATH, history PATH`, when it names one.
std::optional<fs::path> config_note(const std::vector<std::string>& notes) {
    constexpr std::string_view lead = "config ";
    for (const auto& n : notes) {
        const auto end = n.find(", history ");
        if (n.starts_with(lead) && end != std::string::npos) {
            return fs::path{n.substr(lead.size(), end - lead.size())};
        }
    }
    return std::nullopt;
}

} // namespace

plan_dir read_plan_dir(const fs::path& dir) {
    for (const auto name : plan_dir_files) {
        std::error_code ec;
        if (!fs::is_regular_file(dir / name, ec)) {
            throw file_error(
                fmt::format("{}: not a `wfm plan --out` directory: no {}", dir.string(), name));
        }
    }
    const fs::path json_path = dir / "report.json";
    const auto doc = read_json_file(json_path);
    plan_dir out;
    try {
        out.report = report_of(doc);
    } catch (const config_error& e) {
        throw config_error(json_path.string() + ": " + e.json_path(),
                           std::string{e.what()}.substr(e.json_path().size() + 2));
    }
    out.config = config_note(out.report.notes);
    return out;
}

} // namespace wfm::io
