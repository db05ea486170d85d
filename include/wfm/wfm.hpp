#pragma once
/// Convenience umbrella: every public wfm header.

#include <wfm/core/error.hpp>
#include <wfm/core/series.hpp>
#include <wfm/core/time.hpp>
