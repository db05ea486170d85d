#!/bin/sh
# Installs the Debian 12 packages that wfm needs to build, test and render its reports:
#   scripts/install-deps.sh          the build, the tests, Chromium and a CJK font for the reports,
#                                    the Python package's pybind11, pandas, numpy, Dask, and
#                                    python3-icalendar (the roster test parses the .ics files)
#   scripts/install-deps.sh --ci     also ccache and clang (the libFuzzer targets of .ci/run)
#   scripts/install-deps.sh --list   prints the package names and installs nothing
# Runs apt-get directly as root, through sudo otherwise.
set -eu

packages="cmake g++ make libeigen3-dev libboost-dev libfmt-dev catch2 libcli11-dev
nlohmann-json3-dev libbenchmark-dev chromium fonts-noto-cjk git ca-certificates
pybind11-dev python3-dev python3-pybind11 python3-pytest python3-pandas python3-numpy
python3-distributed python3-icalendar"
ci_packages="ccache clang libclang-rt-14-dev"

list=no
for arg in "$@"; do
    case "$arg" in
    --ci) packages="$packages $ci_packages" ;;
    --list) list=yes ;;
    -h | --help)
        sed -n '2,8s/^# \{0,1\}//p' "$0"
        exit 0
        ;;
    *)
        echo "install-deps.sh: unknown option '$arg' (try --help)" >&2
        exit 2
        ;;
    esac
done

if [ "$list" = yes ]; then
    # shellcheck disable=SC2086 # one line of names
    echo $packages
    exit 0
fi

if [ "$(id -u)" = 0 ]; then
    as_root=""
elif command -v sudo >/dev/null 2>&1; then
    as_root="sudo"
else
    echo "install-deps.sh: needs root to install packages: run it as root, or install sudo" >&2
    exit 1
fi

# sudo resets the environment: pass the non-interactive front end through env.
$as_root env DEBIAN_FRONTEND=noninteractive apt-get update
# shellcheck disable=SC2086 # the package list is split on purpose
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $packages
