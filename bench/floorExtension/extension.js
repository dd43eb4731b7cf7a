// The activation floor: loaded and activated by VS Code exactly as Tinyforge GitOps is, and does nothing.
exports.activate = function activate() {};
exports.deactivate = function deactivate() {};
