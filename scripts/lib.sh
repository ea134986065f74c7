# Shared helpers for the service scripts. Sourced, not run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VAR="$ROOT/var"
CACHE="${LINYI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/linyi}"
# Services that refuse root (Elasticsearch, PostgreSQL) run as this user when we are root.
SERVICE_USER="${LINYI_SERVICE_USER:-linyi}"

say() { printf '\033[1;34m[%s]\033[0m %s\n' "$(basename "$0")" "$*" >&2; }
die() { printf '\033[1;31m[%s] error:\033[0m %s\n' "$(basename "$0")" "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# Install Debian packages when a command is missing (only possible as root).
apt_ensure() {  # apt_ensure COMMAND PACKAGE...
  local cmd="$1"; shift
  if command -v "$cmd" >/dev/null 2>&1 || [ -x "$cmd" ]; then return 0; fi
  is_root || die "'$cmd' is missing: install the Debian packages '$*' (sudo apt-get install $*)"
  say "installing $* from Debian packages"
  if [ ! -f "$VAR/.apt-updated" ] || [ -n "$(find "$VAR/.apt-updated" -mmin +720 2>/dev/null)" ]; then
    apt-get update -qq
    mkdir -p "$VAR" && touch "$VAR/.apt-updated"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_service_user() {
  is_root || return 0
  id "$SERVICE_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$SERVICE_USER"
  # The user must be able to reach var/ through the checkout's parents.
  local d="$ROOT"
  while [ "$d" != "/" ]; do chmod o+x "$d" 2>/dev/null || true; d="$(dirname "$d")"; done
}

as_service_user() {  # as_service_user CMD...
  if is_root; then
    command -v runuser >/dev/null || die "runuser is missing"
    runuser -u "$SERVICE_USER" -- "$@"
  else
    "$@"
  fi
}

url_port() {  # url_port URL DEFAULT
  local rest="${1#*://}"; rest="${rest%%/*}"; rest="${rest##*@}"
  case "$rest" in *:*) echo "${rest##*:}" ;; *) echo "$2" ;; esac
}

wait_for() {  # wait_for SECONDS DESCRIPTION CMD...
  local secs="$1" what="$2"; shift 2
  local i=0
  until "$@" >/dev/null 2>&1; do
    i=$((i + 1))
    [ "$i" -ge "$((secs * 2))" ] && die "$what did not come up within ${secs}s"
    sleep 0.5
  done
}
