#include <wfm/io/plan_history.hpp>

#include <algorithm>
#include <vector>

namespace wfm::io {

series_read_options plan_history_options(const plan::plan_config& config) {
    series_read_options o;
    o.time_column = config.time_column;
    const auto add = [](std::vector<std::string>& to, const std::string& column) {
        if (std::find(to.begin(), to.end(), column) == to.end()) {
            to.push_back(column); // queues may share a column
        }
    };
    for (const auto& ch : config.channels) {
        const auto& cols = config.columns.at(ch.name);
        add(o.columns, cols.volume);
        add(o.optional_columns, cols.aht);
    }
    return o;
}

std::map<std::string, plan::channel_history> plan_histories(const series_table& table,
                                                            const plan::plan_config& config) {
    std::map<std::string, plan::channel_history> out;
    for (const auto& ch : config.channels) {
        const auto& cols = config.columns.at(ch.name);
        plan::channel_history h{table.at(cols.volume), std::nullopt};
        if (table.has(cols.aht)) {
            h.aht_s = table.at(cols.aht);
        }
        out.emplace(ch.name, std::move(h));
    }
    return out;
}

} // namespace wfm::io
