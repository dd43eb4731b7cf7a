#!/usr/bin/env bash
# Installs Neovim from Debian's packages for the Neovim end-to-end test (test/e2e/neovim.e2e.ts), once.
set -euo pipefail
if command -v nvim >/dev/null 2>&1; then echo "neovim: $(nvim --version | head -1)"; exit 0; fi
echo "apt-get install neovim"
apt-get update -qq
apt-get install -y -qq neovim >/dev/null
echo "neovim: $(nvim --version | head -1)"
