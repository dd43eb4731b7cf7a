" Drives headless Vim through test/e2e/vim.e2e.ts's steps with ALE, configured by docs/editors/tinyforge-ale.vim
" (loaded as the vimrc). Writes one JSON line per step to $TF_OUT. Completion and hover are asked through ALE's own
" request path and read with ALE's own parsers (its menu and preview need a screen); diagnostics are ALE's loclist and
" the quick fix goes through ALE's code-action path, which sends the diagnostics back without `source`.
let s:out = $TF_OUT

function! s:Emit(step, fields) abort
  call writefile([json_encode(extend({'step': a:step}, a:fields))], s:out, 'a')
endfunction

function! s:Fail(what) abort
  call s:Emit('error', {'message': a:what})
  cquit 1
endfunction

function! s:Wait(what, timeout_ms, condition) abort
  let l:waited = 0
  while !eval(a:condition)
    if l:waited > a:timeout_ms | call s:Fail('timed out waiting for ' . a:what) | endif
    sleep 50m
    let l:waited += 50
  endwhile
endfunction

" ALE's loclist for the buffer: 1-based lines, byte columns, code, type (E W I) and text.
function! s:Diagnostics() abort
  let l:list = []
  for l:item in get(get(g:ale_buffer_info, bufnr(''), {}), 'loclist', [])
    call add(l:list, {'code': get(l:item, 'code', ''), 'lnum': l:item.lnum, 'col': l:item.col, 'end_lnum': get(l:item, 'end_lnum', 0), 'end_col': get(l:item, 'end_col', 0), 'type': l:item.type, 'text': l:item.text, 'linter': l:item.linter_name})
  endfor
  return l:list
endfunction

function! s:Codes() abort
  return map(s:Diagnostics(), 'v:val.code')
endfunction

let s:answer = v:null
let s:pending = 0
function! s:Keep(connection, response) abort
  if get(a:response, 'id', -1) == s:pending | let s:answer = a:response | endif
endfunction

let s:message = []
function! s:Send(linter, details) abort
  call ale#lsp#RegisterCallback(a:details.connection_id, function('s:Keep'))
  let s:pending = ale#lsp#Send(a:details.connection_id, s:message)
endfunction

" One request through ALE's connection to the server, answered in s:answer.
function! s:Request(method, params) abort
  let s:answer = v:null
  let s:message = [0, a:method, a:params]
  let l:linter = filter(ale#linter#Get(&filetype), 'v:val.name is# "tinyforge"')[0]
  call ale#lsp_linter#StartLSP(bufnr(''), l:linter, function('s:Send'))
  call s:Wait(a:method, 10000, 's:answer isnot v:null')
  return s:answer
endfunction

function! s:Position(line, character) abort
  return {'textDocument': {'uri': ale#util#ToURI(expand('%:p'))}, 'position': {'line': a:line, 'character': a:character}}
endfunction

let s:actions = v:null
function! s:KeepActions(data, items) abort
  let s:actions = [a:data, a:items]
endfunction

try
  " 1. A broken file: what ALE lists.
  execute 'edit ' . fnameescape($TF_BROKEN)
  call s:Wait('two diagnostics', 20000, 'len(s:Diagnostics()) == 2')
  call s:Emit('broken', {'filetype': &filetype, 'diagnostics': s:Diagnostics()})

  " 2. Completion at the empty line under deploy: (line 4, 0-based 3) and hover on healthcheck, read as ALE reads them.
  call cursor(4, 3)
  let b:ale_completion_info = {'line': 4, 'column': 3, 'prefix': '', 'conn_id': 0, 'request_id': 0, 'source': 'ale-callback', 'line_length': 2}
  let s:completion = ale#completion#ParseLSPCompletions(s:Request('textDocument/completion', s:Position(3, 2)))
  let s:hover = s:Request('textDocument/hover', s:Position(4, 4))
  let [s:commands, s:lines] = ale#hover#ParseLSPResult(s:hover.result.contents)
  call s:Emit('features', {'words': map(copy(s:completion), 'v:val.word'), 'hover': s:lines})

  " 3. The unknown-key quick fix on prot, through ALE's code-action request, applied as ALE applies it.
  call cursor(3, 4)
  call ale#codefix#Execute(0, function('s:KeepActions'))
  call s:Wait('code actions', 10000, 's:actions isnot v:null')
  let [s:data, s:items] = s:actions
  let s:titles = map(copy(s:items), 'v:val[1].title')
  let s:rename = filter(copy(s:items), 'v:val[1].title =~# "^Rename"')
  if empty(s:rename) | call s:Fail('no rename among ' . string(s:titles)) | endif
  call ale#codefix#ApplyLSPCodeAction(s:data, s:rename[0][1])
  " In a terminal the edit fires TextChanged, which has ALE check the buffer again; headless, it is asked here.
  call ale#Queue(0, '')
  call s:Wait('one diagnostic left', 20000, 's:Codes() == ["invalid-type"]')
  call s:Emit('fixed', {'offered': s:titles, 'lines': getline(1, '$'), 'diagnostics': s:Diagnostics()})

  " 4. The demo's shop-api file against the dev server.
  set hidden
  execute 'edit ' . fnameescape($TF_LIVE)
  call s:Wait('the live findings', 30000, 'index(s:Codes(), "drift") >= 0')
  call s:Emit('live', {'diagnostics': s:Diagnostics()})
  qall!
catch
  call s:Fail(v:exception . ' at ' . v:throwpoint)
endtry
