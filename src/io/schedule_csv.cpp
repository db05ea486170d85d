#include <wfm/io/csv.hpp>
#include <wfm/io/schedule_csv.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <limits>
#include <map>
#include <numeric>

namespace wfm::io {
namespace {

std::string clock_text(int minutes) {
    const int m = ((minutes % 1440) + 1440) % 1440;
    return fmt::format("{:02}:{:02}", m / 60, m % 60);
}

std::string pool_cell(std::string_view pool) {
    return pool.empty() ? std::string{} : csv_escape(pool) + ",";
}

/// The problem day shown in the column of `weekday` (0 = Monday): a week's columns are
/// weekdays whatever weekday it starts on; other horizons are shown from day 0.
std::size_t problem_day(const schedule::problem& p, std::size_t weekday) {
    return p.days == 7 ? (weekday + 7 - static_cast<std::size_t>(p.first_weekday)) % 7 : weekday;
}

} // namespace

std::string format_schedule_csv(const schedule::problem& p, const schedule::solution& s,
                                std::string_view pool, bool header) {
    std::string out;
    if (header) {
        out = pool.empty() ? "line,template,working_days" : "pool,line,template,working_days";
        for (int d = 0; d < 7; ++d) {
            const std::string day{weekday_name(d)};
            out += fmt::format(",{}_start,{}_breaks", day, day);
        }
        out += "\n";
    }
    for (std::size_t i = 0; i < s.tours.size(); ++i) {
        const auto& t = s.tours[i];
        const auto& st = p.templates[static_cast<std::size_t>(t.template_index)];
        std::string days;
        for (std::size_t w = 0; w < 7; ++w) {
            const std::size_t d = problem_day(p, w);
            if (d < t.starts.size() && t.starts[d] >= 0) {
                days += (days.empty() ? "" : " ") + std::string(weekday_name(static_cast<int>(w)));
            }
        }
        out += fmt::format("{}{},{},{}", pool_cell(pool), i + 1, csv_escape(st.name), days);
        for (std::size_t w = 0; w < 7; ++w) {
            const std::size_t d = problem_day(p, w);
            const int start = d < t.starts.size() ? t.starts[d] : -1;
            if (start < 0) {
                out += ",,";
                continue;
            }
            std::string breaks;
            for (std::size_t b = 0; b < t.break_offsets[d].size(); ++b) {
                breaks +=
                    fmt::format("{}{} {}", b > 0 ? ";" : "", st.breaks[b].name,
                                clock_text((start + t.break_offsets[d][b]) * p.interval_minutes));
            }
            out +=
                fmt::format(",{},{}", clock_text(start * p.interval_minutes), csv_escape(breaks));
        }
        out += "\n";
    }
    return out;
}

std::string format_coverage_csv(const schedule::problem& p, const schedule::solution& s,
                                local_date monday, std::string_view pool, bool header) {
    std::string out;
    if (header) {
        out = pool.empty() ? "interval_start,required,scheduled,diff\n"
                           : "interval_start,pool,required,scheduled,diff\n";
    }
    const timestamp origin{monday.time_since_epoch()};
    for (std::size_t t = 0; t < p.required.size(); ++t) {
        const timestamp at =
            origin + std::chrono::minutes{static_cast<long>(t) * p.interval_minutes};
        const double c = t < s.coverage.size() ? s.coverage[t] : 0.0;
        out += fmt::format("{},{}{:.6g},{},{:.6g}\n", format_timestamp(at), pool_cell(pool),
                           p.required[t], c, c - p.required[t]);
    }
    return out;
}

namespace {

// `HH:MM` as minutes of the day; empty when the text is not a clock time.
std::optional<int> parse_clock(std::string_view text) {
    if (text.size() != 5 || text[2] != ':') {
        return std::nullopt;
    }
    const auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
    if (!digit(0) || !digit(1) || !digit(3) || !digit(4)) {
        return std::nullopt;
    }
    const int h = (text[0] - '0') * 10 + (text[1] - '0');
    const int m = (text[3] - '0') * 10 + (text[4] - '0');
    if (h > 23 || m > 59) {
        return std::nullopt;
    }
    return h * 60 + m;
}

// The columns of a schedule CSV.
struct schedule_columns {
    std::optional<std::size_t> pool;
    std::size_t line = 0;
    std::size_t name = 0;
    std::size_t working_days = 0;
    std::array<std::size_t, 7> start{};
    std::array<std::size_t, 7> breaks{};
};

schedule_columns schedule_columns_of(const csv_table& table) {
    schedule_columns c;
    c.pool = table.find_column("pool");
    c.line = table.column("line");
    c.name = table.column("template");
    c.working_days = table.column("working_days");
    for (int d = 0; d < 7; ++d) {
        const std::string day{weekday_name(d)};
        c.start[static_cast<std::size_t>(d)] = table.column(day + "_start");
        c.breaks[static_cast<std::size_t>(d)] = table.column(day + "_breaks");
    }
    return c;
}

int line_number(const csv_table& table, std::size_t row, std::size_t column) {
    const std::string_view f = table.field(row, column);
    int v = 0;
    const auto [ptr, ec] = std::from_chars(f.data(), f.data() + f.size(), v);
    if (f.empty() || ec != std::errc{} || ptr != f.data() + f.size() || v < 1) {
        throw table.error_at(row, column,
                             fmt::format("expected a positive line number, found "
                                         "'{}'",
                                         message_excerpt(f)));
    }
    return v;
}

// `name HH:MM;name HH:MM` as breaks.
std::vector<schedule_csv_break> parse_breaks(const csv_table& table, std::size_t row,
                                             std::size_t column) {
    std::vector<schedule_csv_break> out;
    std::string_view rest = table.field(row, column);
    while (!rest.empty()) {
        const std::size_t semi = rest.find(';');
        const std::string_view item = rest.substr(0, semi);
        rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
        const std::size_t space = item.rfind(' ');
        const auto minute =
            space == std::string_view::npos ? std::nullopt : parse_clock(item.substr(space + 1));
        if (!minute || space == 0) {
            throw table.error_at(row, column,
                                 fmt::format("expected breaks as 'name HH:MM;…', found '{}'",
                                             message_excerpt(item)));
        }
        out.push_back({std::string{item.substr(0, space)}, *minute});
    }
    return out;
}

std::optional<schedule_csv_day> parse_day(const csv_table& table, std::size_t row,
                                          std::size_t start_col, std::size_t breaks_col) {
    const std::string_view start = table.field(row, start_col);
    if (start.empty()) {
        if (!table.field(row, breaks_col).empty()) {
            throw table.error_at(row, breaks_col, "breaks on a day off (the start is empty)");
        }
        return std::nullopt;
    }
    const auto minute = parse_clock(start);
    if (!minute) {
        throw table.error_at(row, start_col,
                             fmt::format("expected a start time HH:MM or an empty field, found "
                                         "'{}'",
                                         message_excerpt(start)));
    }
    return schedule_csv_day{*minute, parse_breaks(table, row, breaks_col)};
}

std::string working_days_text(const schedule_csv_line& line) {
    std::string days;
    for (std::size_t d = 0; d < 7; ++d) {
        if (line.days[d]) {
            days += (days.empty() ? "" : " ") + std::string(weekday_name(static_cast<int>(d)));
        }
    }
    return days;
}

std::vector<schedule_csv_line> schedule_lines(const csv_table& table) {
    const schedule_columns c = schedule_columns_of(table);
    std::vector<schedule_csv_line> out;
    out.reserve(table.rows());
    for (std::size_t r = 0; r < table.rows(); ++r) {
        schedule_csv_line line;
        line.pool = c.pool ? std::string{table.field(r, *c.pool)} : std::string{};
        line.line = line_number(table, r, c.line);
        line.template_name = std::string{table.field(r, c.name)};
        for (std::size_t d = 0; d < 7; ++d) {
            line.days[d] = parse_day(table, r, c.start[d], c.breaks[d]);
        }
        line.file_line = table.line_of(r);
        const std::string days = working_days_text(line);
        if (table.field(r, c.working_days) != days) {
            throw table.error_at(r, c.working_days,
                                 fmt::format("'{}' but the days with a start are '{}'",
                                             message_excerpt(table.field(r, c.working_days)),
                                             days));
        }
        out.push_back(std::move(line));
    }
    return out;
}

// The rows of `pool` (every row when the file has no pool column).
std::vector<std::size_t> pool_rows(const csv_table& table,
                                   const std::vector<schedule_csv_line>& lines,
                                   const std::string& pool) {
    const auto pool_col = table.find_column("pool");
    if (!pool.empty() && !pool_col) {
        throw parse_error(table.path(), 1, 1, "",
                          fmt::format("pool '{}' asked for but the file has no pool column", pool));
    }
    std::vector<std::size_t> rows;
    for (std::size_t r = 0; r < lines.size(); ++r) {
        if (pool.empty() && pool_col && lines[r].pool != lines.front().pool) {
            throw table.error_at(r, *pool_col,
                                 fmt::format("several pools ('{}', '{}'); choose one",
                                             lines.front().pool, lines[r].pool));
        }
        if (pool.empty() || lines[r].pool == pool) {
            rows.push_back(r);
        }
    }
    if (rows.empty() && !pool.empty()) {
        throw parse_error(table.path(), 1, 1, "", fmt::format("no rows of pool '{}'", pool));
    }
    return rows;
}

std::size_t template_of(const csv_table& table, std::size_t row, const schedule::problem& p) {
    const std::size_t column = table.column("template");
    const std::string_view name = table.field(row, column);
    for (std::size_t i = 0; i < p.templates.size(); ++i) {
        if (p.templates[i].name == name) {
            return i;
        }
    }
    std::string names;
    for (const auto& t : p.templates) {
        names += (names.empty() ? "" : ", ") + t.name;
    }
    throw table.error_at(row, column,
                         fmt::format("unknown template '{}' (templates: {})", message_excerpt(name),
                                     message_excerpt(names, 200)));
}

// Minutes as intervals of the problem's grid; a parse_error at (row, column) when off the grid.
int on_grid(const csv_table& table, std::size_t row, std::size_t column, int minutes,
            const schedule::problem& p) {
    if (minutes % p.interval_minutes != 0) {
        throw table.error_at(row, column,
                             fmt::format("{:02}:{:02} is not on the {}-minute grid", minutes / 60,
                                         minutes % 60, p.interval_minutes));
    }
    return minutes / p.interval_minutes;
}

// One day's break offsets from the shift start, in intervals.
std::vector<int> break_offsets(const csv_table& table, std::size_t row, std::size_t column,
                               const schedule_csv_day& day, const schedule::shift_template& st,
                               const schedule::problem& p) {
    bool same = day.breaks.size() == st.breaks.size();
    for (std::size_t b = 0; same && b < st.breaks.size(); ++b) {
        same = day.breaks[b].name == st.breaks[b].name;
    }
    if (!same) {
        std::string names;
        for (const auto& b : st.breaks) {
            names += (names.empty() ? "" : ";") + b.name;
        }
        throw table.error_at(
            row, column,
            fmt::format("template '{}' takes the breaks '{}' in this order", st.name, names));
    }
    std::vector<int> out;
    for (const auto& b : day.breaks) {
        out.push_back(
            on_grid(table, row, column, ((b.minute - day.start_minute) % 1440 + 1440) % 1440, p));
    }
    return out;
}

int reference_start(const schedule::tour& t, const schedule::shift_template& st, int band) {
    int lo = std::numeric_limits<int>::max();
    int hi = std::numeric_limits<int>::min();
    for (const int s : t.starts) {
        if (s >= 0) {
            lo = std::min(lo, s);
            hi = std::max(hi, s);
        }
    }
    if (band == 0 || lo > hi) {
        const auto first =
            std::find_if(t.starts.begin(), t.starts.end(), [](int s) { return s >= 0; });
        return first == t.starts.end() ? 0 : *first;
    }
    for (const int s : st.starts) {
        if (s >= hi - band && s <= lo + band) {
            return s;
        }
    }
    return lo;
}

schedule::tour tour_of(const csv_table& table, const schedule_columns& c, std::size_t row,
                       const schedule_csv_line& line, const schedule::problem& p) {
    schedule::tour t;
    t.template_index = static_cast<int>(template_of(table, row, p));
    const auto& st = p.templates[static_cast<std::size_t>(t.template_index)];
    const auto days = static_cast<std::size_t>(p.days);
    t.starts.assign(days, -1);
    t.break_offsets.assign(days, {});
    std::vector<bool> works(days, false);
    for (std::size_t w = 0; w < 7; ++w) {
        if (!line.days[w]) {
            continue;
        }
        const std::size_t d = problem_day(p, w);
        if (d >= days) {
            throw table.error_at(row, c.start[w], fmt::format("the problem has {} days", p.days));
        }
        works[d] = true;
        t.starts[d] = on_grid(table, row, c.start[w], line.days[w]->start_minute, p);
        t.break_offsets[d] = break_offsets(table, row, c.breaks[w], *line.days[w], st, p);
    }
    const auto pattern = std::find(p.patterns.begin(), p.patterns.end(), works);
    if (pattern == p.patterns.end()) {
        throw table.error_at(row, c.working_days,
                             fmt::format("no days-off pattern of the problem works on '{}'",
                                         working_days_text(line)));
    }
    t.pattern_index = static_cast<int>(pattern - p.patterns.begin());
    t.reference_start = reference_start(t, st, p.start_band);
    return t;
}

std::vector<schedule::tour> schedule_tours(const csv_table& table, const schedule::problem& p,
                                           const std::string& pool) {
    const std::vector<schedule_csv_line> lines = schedule_lines(table);
    const schedule_columns columns = schedule_columns_of(table);
    std::vector<schedule::tour> tours;
    for (const std::size_t r : pool_rows(table, lines, pool)) {
        tours.push_back(tour_of(table, columns, r, lines[r], p));
    }
    return tours;
}

} // namespace

std::vector<schedule_csv_line> read_schedule_csv(const std::filesystem::path& path) {
    return schedule_lines(read_csv(path));
}

std::vector<schedule_csv_line> parse_schedule_csv(std::string_view text, const std::string& path) {
    return schedule_lines(parse_csv(text, path));
}

std::vector<schedule::tour> read_schedule_tours(const std::filesystem::path& path,
                                                const schedule::problem& p,
                                                const std::string& pool) {
    return schedule_tours(read_csv(path), p, pool);
}

std::vector<schedule::tour> parse_schedule_tours(std::string_view text, const std::string& path,
                                                 const schedule::problem& p,
                                                 const std::string& pool) {
    return schedule_tours(parse_csv(text, path), p, pool);
}

namespace {

// The grid of the coverage timestamps: the gcd of their minutes of the day with 60.
interval_grid coverage_grid(const csv_table& table, std::size_t time_col,
                            const std::vector<timestamp>& times) {
    int step = 60;
    for (const timestamp t : times) {
        step = std::gcd(step, minute_of_day(t));
    }
    if (step != 5 && step != 10 && step != 15 && step != 30 && step != 60) {
        throw parse_error(table.path(), table.line_of(0), table.column_of(0, time_col),
                          "interval_start",
                          fmt::format("timestamps lie on a {}-minute grid; expected 5, 10, 15, "
                                      "30 or 60",
                                      step));
    }
    return interval_grid{std::chrono::minutes{step}};
}

coverage_table coverage_of(const csv_table& table) {
    const std::size_t time_col = table.column("interval_start");
    const auto pool_col = table.find_column("pool");
    const std::size_t required_col = table.column("required");
    const std::size_t scheduled_col = table.column("scheduled");
    const std::size_t diff_col = table.column("diff");
    if (table.rows() == 0) {
        throw parse_error(table.path(), 1, 1, "", "no coverage rows");
    }
    std::vector<timestamp> times;
    times.reserve(table.rows());
    for (std::size_t r = 0; r < table.rows(); ++r) {
        const auto t = table.time(r, time_col, "YYYY-MM-DDTHH:MM");
        if (t.time_since_epoch().count() % 60 != 0) {
            throw table.error_at(r, time_col, "expected whole minutes");
        }
        times.push_back(std::chrono::floor<std::chrono::minutes>(t));
    }
    coverage_table out;
    out.grid = coverage_grid(table, time_col, times);
    // Rows of each pool, in the order of the file; each follows the pool's previous one.
    std::map<std::string, std::vector<std::size_t>, std::less<>> rows;
    std::vector<std::string> order;
    for (std::size_t r = 0; r < table.rows(); ++r) {
        const std::string pool = pool_col ? std::string{table.field(r, *pool_col)} : std::string{};
        auto& mine = rows[pool];
        if (mine.empty()) {
            order.push_back(pool);
        } else if (times[r] != times[mine.back()] + out.grid.step()) {
            throw table.error_at(
                r, time_col,
                fmt::format("expected {} (one interval after the previous row "
                            "of this pool)",
                            format_timestamp(times[mine.back()] + out.grid.step())));
        }
        mine.push_back(r);
    }
    for (const auto& pool : order) {
        const auto& mine = rows.at(pool);
        pool_coverage c{pool, time_series(out.grid, times[mine.front()], mine.size()),
                        time_series(out.grid, times[mine.front()], mine.size())};
        for (std::size_t i = 0; i < mine.size(); ++i) {
            c.required.set(i, table.non_negative(mine[i], required_col));
            c.scheduled.set(i, table.non_negative(mine[i], scheduled_col));
            (void)table.number(mine[i], diff_col);
        }
        out.pools.push_back(std::move(c));
    }
    return out;
}

} // namespace

coverage_table read_coverage_csv(const std::filesystem::path& path) {
    return coverage_of(read_csv(path));
}

coverage_table parse_coverage_csv(std::string_view text, const std::string& path) {
    return coverage_of(parse_csv(text, path));
}

} // namespace wfm::io
