# One image per Gatehouse server, from this one file: `--build-arg APP=apps/docs` (the server's package folder).
# `pnpm --filter @gatehouse/deploy images` builds every discovered server's, and the CLI's (the migration Job's),
# with the labels below filled in; by hand:
#   docker build --build-arg APP=apps/docs --build-arg NAME=docs --build-arg SERVER=docs -t gatehouse-docs .
#   docker build --target cli --build-arg APP=packages/cli --build-arg NAME=cli -t gatehouse-cli .
# The image runs the TypeScript sources on Node 24 (no build step; Node's compile cache is warmed at build), with
# production dependencies only, as the unprivileged `node` user (uid 1000), on a read-only root filesystem (nothing
# is written at run time; the audit goes to stderr unless GATEHOUSE_AUDIT_LOG names a file on a writable volume).
# Secrets are never baked in: they come from the environment or from files (GATEHOUSE_CONFIG,
# GATEHOUSE_<SERVER>_CONFIG), see the README.
ARG NODE_IMAGE=node:24-bookworm-slim

# pnpm at the version package.json pins (packageManager).
FROM ${NODE_IMAGE} AS pnpm
WORKDIR /repo
COPY package.json ./
RUN npm install --global --no-fund --no-audit --loglevel=error \
      "pnpm@$(node -p 'require("./package.json").packageManager.split("@")[1]')"

# Only the workspace's manifests and lockfile, so the install layer below is reused until a dependency changes.
FROM pnpm AS manifests
COPY . /context
RUN cd /context && find . -type f ! -name package.json ! -name pnpm-lock.yaml ! -name pnpm-workspace.yaml -delete \
 && find . -depth -type d -empty -delete

# The server's package and the workspace packages it depends on, with their production dependencies (no test,
# bench or lint packages); then their sources, and nothing of the other servers.
FROM pnpm AS build
ARG APP
RUN test -n "$APP" || { echo 'build with --build-arg APP=<package folder>, e.g. APP=apps/docs' >&2; exit 2; }
COPY --from=manifests /context /repo
RUN --mount=type=cache,id=gatehouse-pnpm-store,target=/pnpm-store \
    pnpm install --frozen-lockfile --prod --store-dir /pnpm-store --config.confirmModulesPurge=false \
      --filter-prod "{./$APP}..." >/dev/null
COPY apps apps
COPY packages packages
COPY examples examples
RUN set -e; keep=$(pnpm list --recursive --depth -1 --parseable --filter-prod "{./$APP}..." | sed "s|^/repo/||"); \
    for dir in apps/* packages/* bench deploy; do \
      printf '%s\n' $keep | grep -qx "$dir" || rm -rf "$dir"; \
    done; \
    entry=$(node -p "const p = require('./$APP/package.json'); p.gatehouse?.entry ?? Object.values(p.bin ?? {})[0] ?? ''"); \
    test -f "$APP/$entry" || { echo "$APP/package.json names no entry (gatehouse.entry or bin)" >&2; exit 2; }; \
    ln -s "$APP/$entry" /repo/entry.ts

# What every image shares: the package and its dependencies, owned by root and not writable by the user that runs
# them (uid 1000), with its labels.
FROM ${NODE_IMAGE} AS runtime
ARG APP
# NAME: the image's (gatehouse-<NAME>); SERVER: the server it serves (empty for the CLI's image, APP=packages/cli).
ARG NAME=""
ARG SERVER=""
ARG DESCRIPTION=""
ARG VERSION=0.0.0
ARG CONTRACTS_SHA256=""
LABEL org.opencontainers.image.title="gatehouse-${NAME}" \
      org.opencontainers.image.description="${DESCRIPTION}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.source="https://github.com/gatehouse/gatehouse" \
      io.gatehouse.server="${SERVER}" \
      io.gatehouse.contracts.sha256="${CONTRACTS_SHA256}"
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /repo /app
# Node's compile cache, warmed here, so that a container's first start reads the type-stripped, compiled modules
# instead of making them (about half of a start, and 30 MB of memory that would stay resident). Node keeps one
# folder per user id, so it is warmed as the user that runs the server: the entry is run with a setting it refuses
# (it stops after loading its modules) and the kit's operator entry is loaded (the transports, stores and OAuth
# the entry loads only when configured). Then the folder is root's like the rest of /app, readable by all (Node
# writes its files 600); at run time nothing new is written to it (the root filesystem is read-only).
ENV NODE_COMPILE_CACHE=/app/.node-compile-cache
RUN mkdir /app/.node-compile-cache && chown 1000:1000 /app/.node-compile-cache
USER 1000:1000
RUN GATEHOUSE_PORT=warm-up node /app/entry.ts >/dev/null 2>&1; \
    node --input-type=module -e "await import('/app/packages/kit/src/operator.ts')" \
 && test -n "$(find /app/.node-compile-cache -type f -print -quit)"
USER root
RUN chown -R root:root /app/.node-compile-cache && chmod -R a+rX,go-w /app/.node-compile-cache
USER 1000:1000
# Node is PID 1 and handles SIGTERM itself.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "/app/entry.ts"]

# The CLI (`--target cli --build-arg APP=packages/cli`): a command that runs and exits, e.g. the migration Job's
# `gatehouse migrate`; nothing to probe.
FROM runtime AS cli
HEALTHCHECK NONE

# A server (the default target): it binds every address on its port; on SIGTERM it stops accepting, drains the
# calls in flight, flushes the audit and exits 0.
FROM runtime AS server
ARG PORT=3000
ENV GATEHOUSE_HOST=0.0.0.0 \
    GATEHOUSE_PORT=${PORT}
EXPOSE ${PORT}
# /healthz answers only the Host names the server accepts: 127.0.0.1 is added to GATEHOUSE_ALLOWED_HOSTS by
# whoever sets it (the compose file and the Kubernetes manifests do).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.GATEHOUSE_PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
