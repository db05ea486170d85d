// One replication of the day simulator: a binary heap of events over buffers kept between
// replications, so a replication allocates nothing once they have grown.
#include "day_sim_detail.hpp"

#include <algorithm>

namespace wfm::sim::detail {
namespace {

enum event_kind : std::uint32_t { arrival, retrial, completion, abandonment, staffing };

constexpr double never = std::numeric_limits<double>::infinity();

// Seed of one random stream: replication, queue and purpose, so a queue's arrivals (or handle
// times, patience, retrials) are the same whatever else the model changes (common random
// numbers).
std::uint64_t stream_seed(std::uint64_t seed, std::size_t queue, int purpose) {
    std::uint64_t x = seed;
    std::uint64_t h = splitmix64(x);
    x = h ^ (static_cast<std::uint64_t>(queue) * 4 + static_cast<std::uint64_t>(purpose));
    return splitmix64(x);
}

} // namespace

sampler::sampler(const duration_dist& d) : d_{&d} {
    if (d.type == duration_dist::kind::lognormal) {
        const double s2 = std::log1p(d.cv * d.cv);
        sigma_ = std::sqrt(s2);
        mu_ = std::log(d.mean_s) - s2 / 2;
    }
    n_ = static_cast<double>(d.samples_s.size());
}

engine::engine(const sim_model& model)
    : model_{&model}, intervals_{static_cast<std::size_t>(model.intervals)}, horizon_{
                                                                                 model.interval_s *
                                                                                 model.intervals} {
    for (const auto& q : model.queues) {
        handle_.emplace_back(q.handle);
        patience_.emplace_back(q.patience);
        retry_.emplace_back(q.retry_delay);
    }
    queues_.resize(model.queues.size());
    pools_.resize(model.pools.size());
    for (std::uint32_t q = 0; q < model.queues.size(); ++q) {
        pools_[static_cast<std::size_t>(model.queues[q].pool)].queues.push_back(q);
    }
    for (std::uint32_t p = 0; p < model.pools.size(); ++p) {
        for (const auto& c : model.pools[p].changes) {
            changes_.push_back({c.at_s, p, c.delta * model.pools[p].concurrency});
        }
    }
}

void engine::push(double t, std::uint32_t kind, std::uint32_t id) {
    heap_.push_back({t, kind, id});
    std::push_heap(heap_.begin(), heap_.end(),
                   [](const event& a, const event& b) { return a.t > b.t; });
}

std::uint32_t engine::interval_of(double t) const {
    const auto i = static_cast<std::size_t>(t / model_->interval_s);
    return static_cast<std::uint32_t>(std::min(i, intervals_ - 1));
}

// Next Poisson arrival after `t` at the piecewise-constant rate: an exponential step at the
// interval's rate, restarted at the boundary when it crosses one (exact by memorylessness).
double engine::next_arrival(std::uint32_t q, double t) {
    const auto& spec = model_->queues[q];
    auto& s = queues_[q];
    if (!spec.replay_s.empty()) {
        return s.replay_next < spec.replay_s.size() ? spec.replay_s[s.replay_next++] : never;
    }
    auto i = static_cast<std::size_t>(t / model_->interval_s);
    while (i < intervals_) {
        const double end = model_->interval_s * static_cast<double>(i + 1);
        const double rate = spec.arrivals_per_s[i];
        if (rate > 0.0) {
            const double next = t + arrival_rng_[q].exp1() / rate;
            if (next < end) {
                return next;
            }
        }
        t = end;
        ++i;
    }
    return never;
}

void engine::integrate(double from, double to, double value, tally* r, double tally::*field) {
    to = std::min(to, horizon_);
    if (!(to > from) || value == 0.0) {
        return;
    }
    const double len = model_->interval_s;
    auto i = static_cast<std::size_t>(from / len);
    while (from < to && i < intervals_) {
        const double end = std::min(to, len * static_cast<double>(i + 1));
        r[i].*field += value * (end - from);
        from = end;
        ++i;
    }
}

void engine::set_queue_busy(std::uint32_t q, double t, int delta) {
    auto& s = queues_[q];
    integrate(s.busy_since, t, s.in_service, row(q), &tally::busy_time);
    s.busy_since = t;
    s.in_service += delta;
}

void engine::set_waiting(std::uint32_t q, double t, int delta) {
    auto& s = queues_[q];
    integrate(s.waiting_since, t, s.waiting, row(q), &tally::wait_area);
    s.waiting_since = t;
    s.waiting += delta;
}

void engine::set_pool(std::uint32_t p, double t, long in_service_delta, long capacity_delta) {
    auto& s = pools_[p];
    const double full = s.in_service >= s.capacity ? 1.0 : 0.0;
    for (const auto q : s.queues) {
        integrate(s.full_since, t, full, row(q), &tally::full_time);
    }
    s.full_since = t;
    s.in_service += in_service_delta;
    s.capacity += capacity_delta;
}

void engine::start(const waiter& w, double t) {
    const double wait = t - w.arrival;
    tally& c = row(w.queue)[w.interval];
    c.answered += 1;
    c.wait_sum += wait;
    const double t_sl = model_->queues[w.queue].sl_time_s;
    c.within += wait <= (t_sl < 0.0 ? model_->sl_time_s : t_sl) ? 1 : 0;
    row(w.queue)[interval_of(t)].starts += t < horizon_ ? 1 : 0;
    set_queue_busy(w.queue, t, 1);
    set_pool(static_cast<std::uint32_t>(model_->queues[w.queue].pool), t, 1, 0);
    push(t + w.handle, completion, w.queue);
}

// Serves waiting contacts while the pool has free slots: the head with the best priority,
// then the earliest arrival.
void engine::drain(std::uint32_t p, double t) {
    auto& pool = pools_[p];
    while (pool.in_service < pool.capacity) {
        const waiter* best = nullptr;
        std::uint32_t best_q = 0;
        for (const auto q : pool.queues) {
            auto& s = queues_[q];
            while (s.head < s.line.size() && !slab_[s.line[s.head]].waiting) {
                ++s.head;
            }
            if (s.head == s.line.size()) {
                continue;
            }
            const waiter& w = slab_[s.line[s.head]];
            const int pr = model_->queues[q].priority;
            if (best == nullptr || pr < model_->queues[best_q].priority ||
                (pr == model_->queues[best_q].priority && w.arrival < best->arrival)) {
                best = &w;
                best_q = q;
            }
        }
        if (best == nullptr) {
            return;
        }
        auto& s = queues_[best_q];
        waiter& w = slab_[s.line[s.head++]];
        w.waiting = false;
        set_waiting(best_q, t, -1);
        row(best_q)[interval_of(t)].left += t < horizon_ ? 1 : 0;
        start(w, t);
    }
}

void engine::maybe_retry(std::uint32_t q, double t, bool blocked) {
    const auto& spec = model_->queues[q];
    const double share =
        blocked && spec.blocked_retry_share >= 0.0 ? spec.blocked_retry_share : spec.retry_share;
    if (share > 0.0 && retry_rng_[q].uniform() < share) {
        const bool immediate = model_->queues[q].retry_delay.type == duration_dist::kind::none;
        const double at = t + (immediate ? 0.0 : retry_[q](retry_rng_[q]));
        if (at < horizon_) {
            push(at, retrial, q);
        }
    }
}

void engine::arrive(std::uint32_t q, double t, bool fresh) {
    ++arrivals_;
    const auto& spec = model_->queues[q];
    const auto i = interval_of(t);
    tally& c = row(q)[i];
    c.offered += 1;
    // Every contact draws its handle time and patience, so the streams stay aligned between
    // models that treat it differently.
    const double handle =
        handle_[q](handle_rng_[q]) * (spec.handle_factor.empty() ? 1.0 : spec.handle_factor[i]);
    const double patience = patience_[q](patience_rng_[q]);
    if (fresh) {
        c.fresh += 1;
        c.fresh_work += handle;
        const double len = model_->interval_s;
        for (std::size_t j = i; j < intervals_ && static_cast<double>(j) * len < t + handle; ++j) {
            const double mid = (static_cast<double>(j) + 0.5) * len;
            const double end = (static_cast<double>(j) + 1.0) * len;
            row(q)[j].shadow_mid += t <= mid && mid < t + handle ? 1 : 0;
            row(q)[j].shadow_end += t <= end && end < t + handle ? 1 : 0;
        }
    }
    const bool out = std::any_of(spec.outages.begin(), spec.outages.end(),
                                 [t](const auto& w) { return t >= w.begin_s && t < w.end_s; });
    if (out) {
        c.blocked += 1;
        maybe_retry(q, t, true);
        return;
    }
    const waiter w{t, handle, q, i, true};
    const auto p = static_cast<std::uint32_t>(spec.pool);
    if (pools_[p].in_service < pools_[p].capacity) {
        start(w, t);
        return;
    }
    c.entered += 1;
    set_waiting(q, t, 1);
    const auto slot = static_cast<std::uint32_t>(slab_.size());
    slab_.push_back(w);
    auto& s = queues_[q];
    if (s.head > 4096 && s.head * 2 > s.line.size()) { // compact the served front
        s.line.erase(s.line.begin(), s.line.begin() + static_cast<std::ptrdiff_t>(s.head));
        s.head = 0;
    }
    s.line.push_back(slot);
    if (patience < never) {
        push(t + patience, abandonment, slot);
    }
}

void engine::abandon(std::uint32_t slot, double t) {
    waiter& w = slab_[slot];
    if (!w.waiting) {
        return;
    }
    w.waiting = false;
    set_waiting(w.queue, t, -1);
    row(w.queue)[w.interval].abandoned += 1;
    if (t < horizon_) {
        tally& f = row(w.queue)[interval_of(t)];
        f.abandonments += 1;
        f.left += 1;
    }
    maybe_retry(w.queue, t, false);
}

std::uint64_t engine::run(std::uint64_t seed, std::vector<tally>& tallies) {
    tallies_ = &tallies;
    arrivals_ = 0;
    heap_.clear();
    slab_.clear();
    arrival_rng_.clear();
    handle_rng_.clear();
    patience_rng_.clear();
    retry_rng_.clear();
    for (std::uint32_t q = 0; q < queues_.size(); ++q) {
        arrival_rng_.emplace_back(stream_seed(seed, q, 0));
        handle_rng_.emplace_back(stream_seed(seed, q, 1));
        patience_rng_.emplace_back(stream_seed(seed, q, 2));
        retry_rng_.emplace_back(stream_seed(seed, q, 3));
        queues_[q].line.clear();
        queues_[q].head = 0;
        queues_[q].replay_next = 0;
        queues_[q].in_service = 0;
        queues_[q].busy_since = 0.0;
        queues_[q].waiting = 0;
        queues_[q].waiting_since = 0.0;
        const double first = next_arrival(q, 0.0);
        if (first < horizon_) {
            push(first, arrival, q);
        }
    }
    for (auto& p : pools_) {
        p.capacity = 0;
        p.in_service = 0;
        p.full_since = 0.0;
    }
    for (std::uint32_t k = 0; k < changes_.size(); ++k) {
        push(changes_[k].t, staffing, k);
    }
    const auto later = [](const event& a, const event& b) { return a.t > b.t; };
    while (!heap_.empty()) {
        std::pop_heap(heap_.begin(), heap_.end(), later);
        const event e = heap_.back();
        heap_.pop_back();
        switch (e.kind) {
        case arrival: {
            arrive(e.id, e.t, true);
            const double next = next_arrival(e.id, e.t);
            if (next < horizon_) {
                push(next, arrival, e.id);
            }
            break;
        }
        case retrial:
            arrive(e.id, e.t, false);
            break;
        case completion: {
            const auto p = static_cast<std::uint32_t>(model_->queues[e.id].pool);
            set_queue_busy(e.id, e.t, -1);
            set_pool(p, e.t, -1, 0);
            drain(p, e.t);
            break;
        }
        case abandonment:
            abandon(e.id, e.t);
            break;
        default: { // staffing
            const auto& c = changes_[e.id];
            set_pool(c.pool, e.t, 0, c.delta);
            drain(c.pool, e.t);
            break;
        }
        }
    }
    for (std::uint32_t q = 0; q < queues_.size(); ++q) {
        set_queue_busy(q, horizon_, 0);
        set_waiting(q, horizon_, 0);
    }
    for (std::uint32_t p = 0; p < pools_.size(); ++p) {
        set_pool(p, horizon_, 0, 0);
    }
    return arrivals_;
}

} // namespace wfm::sim::detail
