# Sourced by the browser tests: installs Debian packages whose commands are missing.
#
#   need_debian COMMAND:PACKAGE...   e.g. need_debian chromium:chromium chromedriver:chromium-driver
#
# Installs, as root or through sudo, the packages whose command is not on the PATH.
# Returns non-zero (after saying why on stderr) when they cannot be installed.
need_debian() {
    local missing=() pair as_root=()
    for pair in "$@"; do
        command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
    done
    [ "${#missing[@]}" = 0 ] && return 0
    if [ "$(id -u)" != 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            as_root=(sudo -n)
        else
            echo "${missing[*]}: not installed, and installing needs root (or sudo)" >&2
            return 1
        fi
    fi
    ("${as_root[@]}" apt-get update -qq &&
        "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}") >/dev/null ||
        { echo "could not install ${missing[*]}" >&2; return 1; }
}
