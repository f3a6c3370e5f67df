#!/usr/bin/env bash
# Prepares a Debian host for tsmoby and its test suite (run as root): the host tools tsmoby spawns, the
# test lab's registry and clients, a usable /dev/net/tun, and an unprivileged test user with subordinate ids.
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive
packages=(
  runc uidmap slirp4netns tini fuse-overlayfs  # what tsmoby spawns (tini-static for --init)
  docker-registry apache2-utils busybox-static  # the test lab: registry, htpasswd, fixture binaries
  docker-compose jq systemd iproute2 iptables procps tmux curl ca-certificates openssl zstd util-linux
  zsh fish                                      # completion scripts are checked by the real shells
  make g++ python3                              # node-gyp and conmon
)
if ! dpkg -s "${packages[@]}" >/dev/null 2>&1; then
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${packages[@]}"
fi

# Distributions ship /dev/net/tun 0666; some images ship it 0600, which stops slirp4netns for users.
if [ -e /dev/net/tun ]; then chmod 666 /dev/net/tun; fi
# The same for /dev/fuse (0666 on distributions), which rootless fuse-overlayfs mounts need.
if [ -e /dev/fuse ]; then chmod 666 /dev/fuse; fi

# Debian's docker-registry package starts a system instance on :5000; the tests start their own.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  systemctl disable --now docker-registry >/dev/null 2>&1 || true
fi

test_user=${TSMOBY_TEST_USER:-tsmoby-test}
if ! id "$test_user" >/dev/null 2>&1; then
  useradd -m -s /bin/bash "$test_user"
fi
grep -q "^$test_user:" /etc/subuid || echo "$test_user:200000:65536" >> /etc/subuid
grep -q "^$test_user:" /etc/subgid || echo "$test_user:200000:65536" >> /etc/subgid
echo "host ready: test user $test_user ($(id -u "$test_user"))"
