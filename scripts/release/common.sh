# Shared by the release scripts in this folder; source it, do not run it.
# Everything they build goes under out/release/ (ignored by git), or under $SEC08_RELEASE_DIR when set.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${SEC08_RELEASE_DIR:-$ROOT/out/release}"
mkdir -p "$OUT"

# The version stamped into every artifact: SEC08_VERSION, else the tag (v1.2.3 gives 1.2.3), else the project's own.
release_version() {
    if [ -n "${SEC08_VERSION:-}" ]; then
        echo "$SEC08_VERSION"
    elif [ "${GITHUB_REF_TYPE:-}" = tag ] && [[ "${GITHUB_REF_NAME:-}" =~ ^v[0-9] ]]; then
        echo "${GITHUB_REF_NAME#v}"
    elif tag=$(git -C "$ROOT" describe --tags --exact-match 2>/dev/null) && [[ "$tag" =~ ^v[0-9] ]]; then
        echo "${tag#v}"
    else
        echo "1.0.0"
    fi
}

# The .NET runtime identifier of this machine: linux-x64, linux-arm64, osx-arm64, win-x64, ...
host_rid() {
    local os arch
    case "$(uname -s)" in
        Linux) os=linux ;;
        Darwin) os=osx ;;
        MINGW* | MSYS* | CYGWIN*) os=win ;;
        *) echo "unsupported operating system: $(uname -s)" >&2; return 1 ;;
    esac
    case "$(uname -m)" in
        x86_64 | amd64) arch=x64 ;;
        aarch64 | arm64) arch=arm64 ;;
        *) echo "unsupported processor: $(uname -m)" >&2; return 1 ;;
    esac
    echo "$os-$arch"
}

# The executable's file name for a runtime identifier.
exe_name() {
    case "$1" in win-*) echo sec08.exe ;; *) echo sec08 ;; esac
}

# Runs apt-get install for the Debian packages given whose command or file is missing; no-op elsewhere.
apt_install() {
    command -v apt-get >/dev/null || { echo "missing: $*; install them with your system's package manager" >&2; return 1; }
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    echo "installing $* (apt-get)" >&2
    "${sudo[@]}" apt-get install -y --no-install-recommends "$@" >/dev/null \
        || { "${sudo[@]}" apt-get update >/dev/null && "${sudo[@]}" apt-get install -y --no-install-recommends "$@" >/dev/null; }
}
