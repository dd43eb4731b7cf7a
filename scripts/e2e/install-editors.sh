#!/usr/bin/env bash
# Installs the other editors the end-to-end tests drive, from Debian's packages, once: Neovim (test/e2e/neovim.e2e.ts),
# Emacs with eglot and yaml-mode (test/e2e/emacs.e2e.ts), Vim with ALE (test/e2e/vim.e2e.ts).
set -euo pipefail
packages=(neovim emacs-nox elpa-eglot elpa-yaml-mode vim vim-ale)
missing=()
for pkg in "${packages[@]}"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
echo "neovim: $(nvim --version | head -1)"
echo "emacs: $(emacs --version | head -1), eglot $(dpkg-query -W -f='${Version}' elpa-eglot), yaml-mode $(dpkg-query -W -f='${Version}' elpa-yaml-mode)"
echo "vim: $(vim --version | head -1), ale $(dpkg-query -W -f='${Version}' vim-ale)"
