# Sourced by the stand-in scripts: the Debian bookworm root filesystem both stand-ins start from, made once with
# `debootstrap --variant=minbase` from apt's configured mirror and cached as a tar (what the official images are
# made of: Debian's own packages). Sets $cache (the cache folder) and $rootfs (the tar), and defines say().
#   $GATEHOUSE_DEPLOY_CACHE (default ~/.cache/gatehouse-deploy): the tar, the Node packages, the logs.
cache=${GATEHOUSE_DEPLOY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gatehouse-deploy}
mkdir -p "$cache"
say() { printf 'stand-in: %s\n' "$*" >&2; }

rootfs=$cache/bookworm-minbase.tar
if [ ! -s "$rootfs" ]; then
  mirror=$(sed -n 's/^URIs: *\([^ ]*debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)
  [ -n "$mirror" ] || mirror=$(sed -n 's/^deb  *\(http[^ ]*\)  *bookworm .*/\1/p' /etc/apt/sources.list 2>/dev/null | head -n 1)
  [ -n "$mirror" ] || mirror=http://deb.debian.org/debian
  say "debootstrap --variant=minbase bookworm from $mirror (once; cached in $rootfs)"
  dir=$(mktemp -d)
  debootstrap --variant=minbase bookworm "$dir" "$mirror" >"$cache/debootstrap.log" 2>&1 ||
    { say "debootstrap failed; see $cache/debootstrap.log"; rm -rf "$dir"; exit 1; }
  # What the official slim images leave out too: apt lists and caches, docs.
  rm -rf "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/*.bin "$dir"/var/cache/apt/archives/*.deb \
    "$dir"/usr/share/doc/* "$dir"/usr/share/man/*
  tar -C "$dir" --numeric-owner -cf "$rootfs.tmp" . && mv "$rootfs.tmp" "$rootfs"
  rm -rf "$dir"
fi

# podman build as these machines need it (runc: crun fails on the host's cgroups; explicit ulimits), keeping
# HEALTHCHECK and STOPSIGNAL (docker format).
stand_in_build() {
  BUILDAH_FORMAT=docker podman build --runtime runc --ulimit nofile=1024:1024 --ulimit nproc=1024:1024 \
    --pull=never --layers=false "$@" >&2
}
