#pragma once
/// Internal: the Boost.Math policy of every special function the engine calls.

#include <boost/math/policies/policy.hpp>

namespace wfm::erlang::detail {

// Plain double arithmetic: Boost.Math's default promotes double to long double (x87), which
// costs several times the time for no accuracy the 1e-9 reference checks need.
using fast_policy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

} // namespace wfm::erlang::detail
