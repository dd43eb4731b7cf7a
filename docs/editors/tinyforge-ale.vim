" Tinyforge for Vim 9 (or 8.2) with ALE 3.3 or later (Debian: apt install vim-ale): tinyforge-language-server on
" every .tinyforge.yml and .tinyforge.yaml, one server per repository. Live findings (drift, not-managed) need
" TINYFORGE_URL and TINYFORGE_TOKEN in the environment Vim starts in; never write the token into this file.
packadd! ale

" Tinyforge files get the compound filetype yaml.tinyforge: your YAML linters still run on them, and the server
" runs on nothing else.
augroup tinyforge
  autocmd!
  autocmd BufRead,BufNewFile .tinyforge.yml,.tinyforge.yaml setlocal filetype=yaml.tinyforge
augroup END

" The repository the file is in (one server each), or its folder outside git.
function! s:TinyforgeRoot(buffer) abort
  let l:dir = fnamemodify(bufname(a:buffer), ':p:h')
  let l:git = finddir('.git', l:dir . ';')
  return empty(l:git) ? l:dir : fnamemodify(l:git, ':p:h:h')
endfunction

call ale#linter#Define('tinyforge', {
\   'name': 'tinyforge',
\   'lsp': 'stdio',
\   'executable': 'tinyforge-language-server',
\   'command': '%e --stdio',
\   'language': 'yaml',
\   'project_root': function('s:TinyforgeRoot'),
\})
" Optional: the server, instead of TINYFORGE_URL:
" call ale#linter#Define('tinyforge', {…, 'initialization_options': {'url': 'https://forge.example.com'}})
