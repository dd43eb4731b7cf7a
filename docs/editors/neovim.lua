-- Tinyforge for Neovim 0.7 or later (init.lua): tinyforge-language-server on every .tinyforge.yml and .tinyforge.yaml,
-- one server per repository. Live findings (drift, not-managed) need TINYFORGE_URL and TINYFORGE_TOKEN in the
-- environment Neovim starts in; never write the token into this file.
local tinyforge_clients = {}
vim.api.nvim_create_autocmd({ 'BufReadPost', 'BufNewFile' }, {
  pattern = { '.tinyforge.yml', '.tinyforge.yaml' },
  callback = function(args)
    local dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(args.buf), ':p:h')
    local git = vim.fn.finddir('.git', dir .. ';')
    local root = git ~= '' and vim.fn.fnamemodify(git, ':p:h:h') or dir
    local id = tinyforge_clients[root]
    if not id or vim.lsp.client_is_stopped(id) then
      id = vim.lsp.start_client({
        name = 'tinyforge',
        cmd = { 'tinyforge-language-server', '--stdio' },
        root_dir = root,
        -- Optional: the server, instead of TINYFORGE_URL.
        -- init_options = { url = 'https://forge.example.com' },
      })
      tinyforge_clients[root] = id
    end
    vim.lsp.buf_attach_client(args.buf, id)
  end,
})
