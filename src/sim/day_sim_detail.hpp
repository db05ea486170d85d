#pragma once
// Internals of the day simulator: random streams, per-replication tallies and one replication.

#include <wfm/sim/day_sim.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

namespace wfm::sim::detail {

/// splitmix64 (Steele, Lea & Flood 2014): seeds the streams.
[[nodiscard]] constexpr std::uint64_t splitmix64(std::uint64_t& x) noexcept {
    std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/// xoshiro256** (Blackman & Vigna 2018): fast, small state, seeded in four words.
class stream {
public:
    using result_type = std::uint64_t;
    explicit stream(std::uint64_t seed) noexcept {
        for (auto& w : s_) {
            w = splitmix64(seed);
        }
    }
    static constexpr result_type min() noexcept { return 0; }
    static constexpr result_type max() noexcept { return std::numeric_limits<result_type>::max(); }
    result_type operator()() noexcept {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }
    /// Uniform on [0, 1).
    double uniform() noexcept { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }
    /// Exponential with mean 1 (inversion; 1 − u is in (0, 1]).
    double exp1() noexcept { return -std::log(1.0 - uniform()); }

private:
    static constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept {
        return (x << k) | (x >> (64 - k));
    }
    std::uint64_t s_[4]{};
};

/// Draws from a duration_dist; `none` gives +inf.
class sampler {
public:
    explicit sampler(const duration_dist& d);
    double operator()(stream& rng) {
        switch (d_->type) {
        case duration_dist::kind::exponential:
            return d_->mean_s * rng.exp1();
        case duration_dist::kind::lognormal:
            return std::exp(mu_ + sigma_ * normal_(rng));
        case duration_dist::kind::empirical:
            return d_->samples_s[static_cast<std::size_t>(rng.uniform() * n_)];
        case duration_dist::kind::none:
            break;
        }
        return std::numeric_limits<double>::infinity();
    }

private:
    const duration_dist* d_;
    double mu_ = 0.0;
    double sigma_ = 0.0;
    double n_ = 0.0;
    std::normal_distribution<double> normal_;
};

/// Raw counts of one replication for one queue and interval.
struct tally {
    double offered = 0, blocked = 0, answered = 0, abandoned = 0, within = 0, wait_sum = 0;
    double starts = 0, abandonments = 0, busy_time = 0, full_time = 0;
    double entered = 0, left = 0;     // joined / left the waiting line during the interval
    double fresh = 0, fresh_work = 0; // Poisson arrivals (not retrials) and their handle times
    double wait_area = 0;             // ∫ contacts waiting dt over the interval
    // Infinite-server shadow: Poisson arrivals whose handle time would still run at the
    // interval's middle and end had each started at once (a control variate, day_sim.cpp).
    double shadow_mid = 0, shadow_end = 0;
};

/// Runs one replication into `tallies` ([queue × intervals + interval], zeroed by the caller);
/// returns the arrivals simulated. The engine keeps its buffers between calls.
class engine {
public:
    explicit engine(const sim_model& model);
    std::uint64_t run(std::uint64_t seed, std::vector<tally>& tallies);

private:
    struct event {
        double t;
        std::uint32_t kind;
        std::uint32_t id;
    };
    struct waiter {
        double arrival;
        double handle;
        std::uint32_t queue;
        std::uint32_t interval;
        bool waiting;
    };
    struct queue_state {
        std::vector<std::uint32_t> line; // slab indices, FIFO from head
        std::size_t head = 0;
        std::size_t replay_next = 0;
        int in_service = 0;
        double busy_since = 0.0;
        int waiting = 0; // contacts in the line (abandoned ones left)
        double waiting_since = 0.0;
    };
    struct pool_state {
        long capacity = 0; // slots on duty
        long in_service = 0;
        double full_since = 0.0;
        std::vector<std::uint32_t> queues;
    };
    struct change {
        double t;
        std::uint32_t pool;
        int delta;
    };

    void push(double t, std::uint32_t kind, std::uint32_t id);
    double next_arrival(std::uint32_t q, double t);
    void arrive(std::uint32_t q, double t, bool fresh);
    void start(const waiter& w, double t);
    void drain(std::uint32_t p, double t);
    void abandon(std::uint32_t slot, double t);
    void maybe_retry(std::uint32_t q, double t, bool blocked);
    void integrate(double from, double to, double value, tally* row, double tally::*field);
    void set_queue_busy(std::uint32_t q, double t, int delta);
    void set_waiting(std::uint32_t q, double t, int delta);
    void set_pool(std::uint32_t p, double t, long in_service_delta, long capacity_delta);
    [[nodiscard]] std::uint32_t interval_of(double t) const;
    [[nodiscard]] tally* row(std::uint32_t q) { return tallies_->data() + q * intervals_; }

    const sim_model* model_;
    std::size_t intervals_;
    double horizon_;
    std::vector<sampler> handle_, patience_, retry_;
    std::vector<stream> arrival_rng_, handle_rng_, patience_rng_, retry_rng_;
    std::vector<queue_state> queues_;
    std::vector<pool_state> pools_;
    std::vector<change> changes_;
    std::vector<event> heap_;
    std::vector<waiter> slab_;
    std::vector<tally>* tallies_ = nullptr;
    std::uint64_t arrivals_ = 0;
};

} // namespace wfm::sim::detail
