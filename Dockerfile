# One image per Gatehouse server, from this one file: `--build-arg APP=apps/docs` (the server's package folder).
# deploy/image/build.ts builds every discovered server with the labels below filled in; by hand:
#   docker build --build-arg APP=apps/docs -t gatehouse-docs .
# The image runs the TypeScript sources on Node 24 (no build step), with production dependencies only, as the
# unprivileged `node` user (uid 1000), on a read-only root filesystem (nothing is written at run time; the audit
# goes to stderr unless GATEHOUSE_AUDIT_LOG names a file on a writable volume). Secrets are never baked in: they
# come from the environment or from files (GATEHOUSE_CONFIG, GATEHOUSE_<SERVER>_CONFIG), see the README.
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

FROM ${NODE_IMAGE}
ARG APP
ARG SERVER=""
ARG PORT=3000
ARG VERSION=0.0.0
ARG CONTRACTS_SHA256=""
LABEL org.opencontainers.image.title="gatehouse-${SERVER}" \
      org.opencontainers.image.description="Gatehouse MCP server ${SERVER} (${APP})" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.source="https://github.com/gatehouse/gatehouse" \
      io.gatehouse.server="${SERVER}" \
      io.gatehouse.contracts.sha256="${CONTRACTS_SHA256}"
ENV NODE_ENV=production \
    GATEHOUSE_HOST=0.0.0.0 \
    GATEHOUSE_PORT=${PORT}
WORKDIR /app
# Owned by root and not writable by the server's user: the code cannot be changed by the process that runs it.
COPY --from=build /repo /app
USER 1000:1000
EXPOSE ${PORT}
# /healthz answers only the Host names the server accepts: 127.0.0.1 is added to GATEHOUSE_ALLOWED_HOSTS by
# whoever sets it (the compose file and the Kubernetes manifests do).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.GATEHOUSE_PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node is PID 1 and handles SIGTERM itself: it stops accepting, drains in-flight calls, flushes the audit, exits 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "/app/entry.ts"]
