;;; Tinyforge for Emacs 28 or later with eglot (built in from 29; Debian's elpa-eglot on 28): tinyforge-language-server
;;; on every .tinyforge.yml and .tinyforge.yaml. Live findings (drift, not-managed) need TINYFORGE_URL and
;;; TINYFORGE_TOKEN in the environment Emacs starts in; never write the token into this file.
(require 'eglot)

;; Eglot starts one server per major mode, so Tinyforge files get a mode of their own, derived from the YAML mode
;; this Emacs has: yaml-mode if installed, yaml-ts-mode when its grammar is, otherwise plain text with # comments
;; (Emacs 28 has no YAML mode built in).
(defalias 'tinyforge-yaml-parent-mode
  (cond ((or (fboundp 'yaml-mode) (require 'yaml-mode nil t)) 'yaml-mode)
        ((and (fboundp 'yaml-ts-mode) (fboundp 'treesit-ready-p) (treesit-ready-p 'yaml t)) 'yaml-ts-mode)
        (t 'prog-mode)))

(define-derived-mode tinyforge-yaml-mode tinyforge-yaml-parent-mode "Tinyforge"
  "Major mode for Tinyforge's .tinyforge.yml, so that eglot starts tinyforge-language-server for it alone."
  (modify-syntax-entry ?# "<" tinyforge-yaml-mode-syntax-table)
  (modify-syntax-entry ?\n ">" tinyforge-yaml-mode-syntax-table)
  (setq-local comment-start "# ")
  (setq-local comment-start-skip "#+\\s-*"))

(add-to-list 'auto-mode-alist '("/\\.tinyforge\\.ya?ml\\'" . tinyforge-yaml-mode))
(add-to-list 'eglot-server-programs
             '(tinyforge-yaml-mode . ("tinyforge-language-server" "--stdio")))
;; Optional: the server, instead of TINYFORGE_URL:
;; '(tinyforge-yaml-mode . ("tinyforge-language-server" "--stdio"
;;                          :initializationOptions (:url "https://forge.example.com")))
(add-hook 'tinyforge-yaml-mode-hook #'eglot-ensure)
