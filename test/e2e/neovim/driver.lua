-- Drives headless Neovim through test/e2e/neovim.e2e.ts's steps with Neovim's own LSP client, configured by
-- docs/editors/neovim.lua (loaded before this). Prints one JSON line per step on stdout; at a sync point it waits
-- for the test to create a file of that name in TF_ACK, so the test can count the dev server's requests first.
local broken, live, ack_dir = vim.env.TF_BROKEN, vim.env.TF_LIVE, vim.env.TF_ACK

local function emit(step, fields)
  fields.step = step
  io.stdout:write(vim.fn.json_encode(fields) .. '\n')
  io.stdout:flush()
end

local function fail(what)
  emit('error', { message = what })
  vim.cmd('cquit 1')
end

local function wait_for(what, timeout_ms, condition)
  if not vim.wait(timeout_ms, condition, 20) then fail('timed out waiting for ' .. what) end
end

local function sync_point(name)
  emit('sync', { name = name })
  wait_for('the test at ' .. name, 60000, function() return vim.loop.fs_stat(ack_dir .. '/' .. name) ~= nil end)
end

-- What vim.diagnostic.get() holds for a buffer, as plain data (0-based lines, byte columns).
local function diagnostics(buf)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(list, { code = d.code, lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, severity = d.severity, source = d.source, message = d.message })
  end
  table.sort(list, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  return list
end

local function has_code(buf, code)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == code then return true end
  end
  return false
end

local function request(buf, method, params)
  local answers = vim.lsp.buf_request_sync(buf, method, params, 10000)
  for _, answer in pairs(answers or {}) do
    if answer.result then return answer.result end
  end
  return vim.NIL
end

local function text_position(buf, line, character)
  return { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = line, character = character } }
end

-- Counts the server's publishDiagnostics, so that a step can wait for the answer to its own edit.
local published = 0
local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(...)
  published = published + 1
  return publish(...)
end

-- 1. A broken file outside any checkout: diagnostics, completion, hover and a quick fix, no live data.
vim.cmd('edit ' .. vim.fn.fnameescape(broken))
local buf = vim.api.nvim_get_current_buf()
wait_for('the broken file\'s diagnostics', 20000, function() return #vim.diagnostic.get(buf) >= 2 end)
emit('broken', { diagnostics = diagnostics(buf), clients = #vim.lsp.buf_get_clients(buf) })

-- Line 3 is an empty indented line under deploy:.
local completion = request(buf, 'textDocument/completion', text_position(buf, 3, 2))
local labels = {}
for _, item in ipairs(completion.items or completion) do table.insert(labels, item.label) end
local hover = request(buf, 'textDocument/hover', text_position(buf, 4, 4))
emit('features', { completion = labels, hover = hover.contents and hover.contents.value or vim.NIL })

-- The quick fix, through Neovim's own code-action command and its own edit, with the choice made where a user makes it.
local offered = {}
vim.ui.select = function(items, opts, on_choice)
  for index, item in ipairs(items) do
    local title = opts.format_item(item)
    table.insert(offered, title)
    if title:match('^Rename "prot" to "port"') then return on_choice(item, index) end
  end
  on_choice(nil, nil)
end
vim.api.nvim_win_set_cursor(0, { 3, 2 })
vim.lsp.buf.code_action()
wait_for('the rename to be applied', 10000, function() return vim.api.nvim_buf_get_lines(buf, 2, 3, false)[1] == '  port: 8080' end)
wait_for('the unknown-key diagnostic to go', 10000, function() return not has_code(buf, 'unknown-key') end)
emit('fixed', { offered = offered, lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false), diagnostics = diagnostics(buf) })

-- 2. A file in a demo checkout, bound to its workload by the server: drift from the dev server, then typing.
vim.cmd('edit ' .. vim.fn.fnameescape(live))
local live_buf = vim.api.nvim_get_current_buf()
wait_for('a drift diagnostic', 20000, function() return has_code(live_buf, 'drift') end)
wait_for('both drifted fields', 5000, function()
  local count = 0
  for _, d in ipairs(vim.diagnostic.get(live_buf)) do
    if d.code == 'drift' then count = count + 1 end
  end
  return count >= 2
end)
emit('live', { diagnostics = diagnostics(live_buf) })
sync_point('before-typing')

-- Type "3000" over "8080", one character at a time, each keystroke's diagnostics awaited before the next.
local port_line = nil
for index, line in ipairs(vim.api.nvim_buf_get_lines(live_buf, 0, -1, false)) do
  if line:match('^  port: ') then port_line = index - 1 end
end
local value_col = #'  port: '
local function keystroke(start_col, end_col, text)
  local before = published
  vim.api.nvim_buf_set_text(live_buf, port_line, start_col, port_line, end_col, { text })
  wait_for('the diagnostics of a keystroke', 10000, function() return published > before end)
end
for _ = 1, 4 do keystroke(value_col, value_col + 1, '') end
for index, character in ipairs({ '3', '0', '0', '0' }) do keystroke(value_col + index - 1, value_col + index - 1, character) end
wait_for('the port drift to go', 10000, function()
  for _, d in ipairs(vim.diagnostic.get(live_buf)) do
    if d.code == 'drift' and d.lnum == port_line then return false end
  end
  return true
end)
local live_hover = request(live_buf, 'textDocument/hover', text_position(live_buf, port_line + 2, 4))
emit('typed', { line = vim.api.nvim_buf_get_lines(live_buf, port_line, port_line + 1, false)[1], diagnostics = diagnostics(live_buf), hover = live_hover.contents and live_hover.contents.value or vim.NIL })
sync_point('after-typing')
vim.cmd('qa!')
