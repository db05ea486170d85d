#pragma once
/// The Erlang engine, header-only: formulas (Erlang B / C, Palm's factor, chat concurrency), queue
/// metrics (Erlang B, C, A, finite lines) and the staffing search. Needs Boost.Math's headers and
/// nothing to link. The JSON channel decoder (wfm/erlang/channel.hpp) is not part of it.

#include <wfm/erlang/formulas.hpp>
#include <wfm/erlang/queue.hpp>
