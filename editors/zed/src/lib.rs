// Starts `tinyforge-language-server --stdio` (installed with npm, found on the worktree's PATH) with the shell's
// environment, where TINYFORGE_URL and TINYFORGE_TOKEN live, and hands it `lsp.tinyforge.initialization_options`.
use zed_extension_api::{self as zed, settings::LspSettings, LanguageServerId, Result};

struct TinyforgeExtension;

impl zed::Extension for TinyforgeExtension {
    fn new() -> Self {
        TinyforgeExtension
    }

    fn language_server_command(&mut self, _id: &LanguageServerId, worktree: &zed::Worktree) -> Result<zed::Command> {
        let command = worktree
            .which("tinyforge-language-server")
            .ok_or_else(|| "tinyforge-language-server is not on PATH: install it with npm (see the Tinyforge README, \"Other editors\")".to_string())?;
        Ok(zed::Command { command, args: vec!["--stdio".to_string()], env: worktree.shell_env() })
    }

    fn language_server_initialization_options(&mut self, id: &LanguageServerId, worktree: &zed::Worktree) -> Result<Option<zed::serde_json::Value>> {
        Ok(LspSettings::for_worktree(id.as_ref(), worktree).ok().and_then(|settings| settings.initialization_options))
    }
}

zed::register_extension!(TinyforgeExtension);
