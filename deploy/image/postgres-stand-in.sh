#!/bin/sh
# Builds a local stand-in for the official postgres:15-bookworm image and tags it under that name, for machines
# that reach no container registry (deploy/compose.yaml's state store; the deploy tests bring it up). It is what
# the official image is made of: Debian bookworm (the root filesystem the Node stand-in uses, see rootfs.sh) with
# PostgreSQL 15 from Debian's own packages (the official image takes the same major version from the PostgreSQL
# project's Debian repository), the postgres user with uid 999, PGDATA=/var/lib/postgresql/data, and an
# entrypoint (postgres/entrypoint.sh) that honours POSTGRES_USER, POSTGRES_PASSWORD and POSTGRES_DB.
# Usage: deploy/image/postgres-stand-in.sh [--force]     (needs root, debootstrap, podman, and apt's mirror)
set -eu
image=docker.io/library/postgres:15-bookworm
if [ "${1:-}" != --force ] && podman image exists "$image"; then exit 0; fi

here=$(cd "$(dirname "$0")" && pwd)
. "$here/rootfs.sh"

ctx=$(mktemp -d)
trap 'rm -rf "$ctx"' EXIT
ln "$rootfs" "$ctx/rootfs.tar" 2>/dev/null || cp "$rootfs" "$ctx/rootfs.tar"
cp "$here/postgres/entrypoint.sh" "$ctx/entrypoint.sh"
cat >"$ctx/Containerfile" <<'CONTAINERFILE'
FROM scratch
ADD rootfs.tar /
# The user first, with the official image's ids; no cluster made by the package (the entrypoint makes it).
RUN groupadd --system --gid 999 postgres \
 && useradd --system --uid 999 --gid postgres --home-dir /var/lib/postgresql --shell /bin/bash postgres \
 && mkdir -p /var/lib/postgresql /etc/postgresql-common \
 && chown postgres:postgres /var/lib/postgresql \
 && echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.conf \
 && apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /var/cache/apt/archives/*.deb /usr/share/doc/* /usr/share/man/*
COPY entrypoint.sh /usr/local/bin/docker-entrypoint.sh
RUN chmod 755 /usr/local/bin/docker-entrypoint.sh
ENV PATH=/usr/lib/postgresql/15/bin:$PATH \
    LANG=C.UTF-8 \
    PGDATA=/var/lib/postgresql/data
VOLUME /var/lib/postgresql/data
EXPOSE 5432
STOPSIGNAL SIGINT
LABEL org.opencontainers.image.description="Local stand-in for postgres:15-bookworm (Gatehouse deploy tests)"
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["postgres"]
CONTAINERFILE
say "building $image (PostgreSQL 15 from Debian's packages)"
stand_in_build -t "$image" "$ctx"
podman run --rm --runtime runc --entrypoint postgres "$image" --version >/dev/null
