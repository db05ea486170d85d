#include <wfm/io/call_log.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace wfm::io {
namespace {

using namespace std::chrono_literals;

// `h:mm:ss` (hour without a leading zero) as seconds since midnight.
std::optional<long> clock_seconds(std::string_view s) noexcept {
    const auto c1 = s.find(':');
    if (c1 == std::string_view::npos || c1 == 0 || c1 > 2 || s.size() != c1 + 6 ||
        s[c1 + 3] != ':') {
        return std::nullopt;
    }
    long parts[3] = {0, 0, 0};
    const std::string_view fields[3] = {s.substr(0, c1), s.substr(c1 + 1, 2), s.substr(c1 + 4, 2)};
    for (int k = 0; k < 3; ++k) {
        for (char ch : fields[k]) {
            if (!std::isdigit(static_cast<unsigned char>(ch))) {
                return std::nullopt;
            }
            parts[k] = parts[k] * 10 + (ch - '0');
        }
    }
    if (parts[0] > 23 || parts[1] > 59 || parts[2] > 59) {
        return std::nullopt;
    }
    return parts[0] * 3600 + parts[1] * 60 + parts[2];
}

class row_reader {
public:
    row_reader(const csv_table& t, std::size_t row, const call_log_options& options)
        : t_(t), row_(row), options_(options) {}

    [[nodiscard]] long clock(std::size_t col) const {
        const auto v = clock_seconds(t_.field(row_, col));
        if (!v) {
            throw t_.error_at(row_, col,
                              fmt::format("expected a clock time h:mm:ss, found '{}'",
                                          message_excerpt(t_.field(row_, col))));
        }
        return *v;
    }
    [[nodiscard]] local_date yymmdd(std::size_t col) const {
        const std::string_view f = t_.field(row_, col);
        const auto d =
            f.size() == 6
                ? try_parse_date(fmt::format("{}{}-{}-{}", f[0] >= '5' ? "19" : "20",
                                             f.substr(0, 2), f.substr(2, 2), f.substr(4, 2)))
                : std::nullopt;
        if (!d) {
            throw t_.error_at(
                row_, col, fmt::format("expected a date yymmdd, found '{}'", message_excerpt(f)));
        }
        return *d;
    }
    [[nodiscard]] std::chrono::local_seconds when(std::size_t col) const {
        return t_.time(row_, col, "YYYY-MM-DDTHH:MM[:SS]");
    }
    [[nodiscard]] double seconds(std::size_t col) const {
        return t_.non_negative(row_, col, options_.max_seconds);
    }
    [[nodiscard]] bool flag(std::size_t col) const {
        std::string f{t_.field(row_, col)};
        std::transform(f.begin(), f.end(), f.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (f == "1" || f == "true" || f == "yes" || f == "y") {
            return true;
        }
        if (f == "0" || f == "false" || f == "no" || f == "n") {
            return false;
        }
        throw t_.error_at(row_, col,
                          fmt::format("expected 1/0, true/false or yes/no, found '{}'",
                                      message_excerpt(t_.field(row_, col))));
    }
    [[nodiscard]] std::string_view text(std::size_t col) const { return t_.field(row_, col); }
    [[nodiscard]] bool empty(std::size_t col) const { return t_.field(row_, col).empty(); }

private:
    const csv_table& t_;
    std::size_t row_;
    const call_log_options& options_;
};

// Earliest and latest arrival so far; the row that widens the span past the limit is the error.
class span_guard {
public:
    span_guard(const csv_table& t, std::chrono::days limit) : t_(t), limit_(limit) {}
    void check(std::size_t row, std::size_t col, std::chrono::local_seconds at) {
        if (!seen_) {
            seen_ = true;
            min_ = max_ = at;
            min_row_ = max_row_ = row;
            return;
        }
        if (at < min_) {
            min_ = at;
            min_row_ = row;
        }
        if (at > max_) {
            max_ = at;
            max_row_ = row;
        }
        if (max_ - min_ > limit_) {
            const std::size_t other = row == max_row_ ? min_row_ : max_row_;
            throw t_.error_at(row, col,
                              fmt::format("calls span more than {} days (with line {}): the span "
                                          "limit",
                                          limit_.count(), t_.line_of(other)));
        }
    }

private:
    const csv_table& t_;
    std::chrono::days limit_;
    bool seen_ = false;
    std::chrono::local_seconds min_{};
    std::chrono::local_seconds max_{};
    std::size_t min_row_ = 0;
    std::size_t max_row_ = 0;
};

std::vector<call_record> anonymous_bank(const csv_table& t, const call_log_options& options) {
    const std::size_t c_date = t.column("date");
    const std::size_t c_entry = t.column("vru_entry");
    const std::size_t c_exit = t.column("vru_exit");
    const std::size_t c_qstart = t.column("q_start");
    const std::size_t c_qtime = t.column("q_time");
    const std::size_t c_outcome = t.column("outcome");
    const std::size_t c_sertime = t.column("ser_time");
    const std::size_t c_server = t.column("server");
    const std::size_t c_type = t.column("type");
    std::vector<call_record> calls;
    calls.reserve(t.rows());
    span_guard span{t, options.max_span};
    for (std::size_t r = 0; r < t.rows(); ++r) {
        const row_reader row{t, r, options};
        const std::string_view outcome = row.text(c_outcome);
        if (outcome == "PHANTOM") {
            continue;
        }
        if (outcome != "AGENT" && outcome != "HANG") {
            throw t.error_at(r, c_outcome,
                             fmt::format("expected AGENT, HANG or PHANTOM, found '{}'",
                                         message_excerpt(outcome)));
        }
        const bool queued = row.clock(c_qstart) != 0;
        if (outcome == "HANG" && !queued) {
            continue; // hung up in the IVR: never offered to agents
        }
        const local_date day = row.yymmdd(c_date);
        const long entry = row.clock(c_entry);
        long exit = row.clock(c_exit);
        if (exit < entry - 12 * 3600) {
            exit += 24 * 3600; // left the IVR after midnight
        }
        call_record c;
        c.arrival = std::chrono::local_seconds{day} + std::chrono::seconds{exit};
        span.check(r, c_date, c.arrival);
        c.offered = true;
        c.answered = outcome == "AGENT";
        c.wait_s = row.seconds(c_qtime);
        c.handle_s = c.answered ? row.seconds(c_sertime) : 0.0;
        const std::string_view server = row.text(c_server);
        c.agent = server == "NO_SERVER" ? std::string{} : std::string{server};
        c.queue = std::string{row.text(c_type)};
        calls.push_back(std::move(c));
    }
    return calls;
}

std::vector<call_record> generic(const csv_table& t, const call_log_options& options) {
    const std::size_t c_arrival = t.column("arrival");
    const auto c_queue = t.find_column("queue_entry");
    const auto c_wait = t.find_column("wait_s");
    const auto c_answered = t.find_column("answered");
    const auto c_answer_time = t.find_column("answer_time");
    const std::size_t c_handle = t.column("handle_s");
    const auto c_channel = t.find_column("channel");
    const auto c_agent = t.find_column("agent");
    const auto c_queue_name = t.find_column("queue");
    if (!c_wait && !c_answer_time) {
        throw parse_error(t.path(), 1, 1, "wait_s",
                          "missing column: the log needs 'wait_s' or 'answer_time'");
    }
    if (!c_answered && !c_answer_time) {
        throw parse_error(t.path(), 1, 1, "answered",
                          "missing column: the log needs 'answered' or 'answer_time'");
    }
    std::vector<call_record> calls;
    calls.reserve(t.rows());
    span_guard span{t, options.max_span};
    for (std::size_t r = 0; r < t.rows(); ++r) {
        const row_reader row{t, r, options};
        call_record c;
        c.arrival = row.when(c_arrival);
        auto queued_at = c.arrival;
        if (c_queue) {
            if (row.empty(*c_queue)) {
                continue; // never reached the agent queue
            }
            queued_at = row.when(*c_queue);
        }
        const bool has_answer_time = c_answer_time && !row.empty(*c_answer_time);
        c.answered = c_answered ? row.flag(*c_answered) : has_answer_time;
        if (c_wait) {
            c.wait_s = row.seconds(*c_wait);
        } else if (has_answer_time) {
            const auto answered_at = row.when(*c_answer_time);
            if (answered_at < queued_at) {
                throw t.error_at(r, *c_answer_time, "answer time is before queue entry");
            }
            c.wait_s = static_cast<double>((answered_at - queued_at).count());
        }
        c.arrival = queued_at;
        span.check(r, c_queue ? *c_queue : c_arrival, c.arrival);
        c.handle_s = c.answered ? row.seconds(c_handle) : 0.0;
        if (c_channel && !row.empty(*c_channel)) {
            c.channel = std::string{row.text(*c_channel)};
        }
        if (c_agent) {
            c.agent = std::string{row.text(*c_agent)};
        }
        if (c_queue_name) {
            c.queue = std::string{row.text(*c_queue_name)};
        }
        calls.push_back(std::move(c));
    }
    return calls;
}

} // namespace

call_log_format parse_call_log_format(std::string_view name) {
    if (name == "generic") {
        return call_log_format::generic;
    }
    if (name == "anonymous-bank") {
        return call_log_format::anonymous_bank;
    }
    throw invalid_argument(
        fmt::format("call log format: expected 'generic' or 'anonymous-bank', got '{}'", name));
}

std::vector<call_record> parse_call_log(std::string_view text, const std::string& path,
                                        call_log_format format, const call_log_options& options) {
    if (format == call_log_format::anonymous_bank) {
        return anonymous_bank(parse_csv(text, path, csv_options{'\t'}), options);
    }
    return generic(parse_csv(text, path), options);
}

std::vector<call_record> read_call_log(const std::filesystem::path& path, call_log_format format,
                                       const call_log_options& options) {
    return parse_call_log(read_file(path), path.string(), format, options);
}

} // namespace wfm::io
