;;; Drives Emacs in batch mode through test/e2e/emacs.e2e.ts's steps with eglot, configured by
;;; docs/editors/tinyforge-eglot.el (loaded before this). Prints one JSON line per step on stdout. Batch Emacs runs
;;; no command loop, so what the loop would do is done here: the post-command hook that eglot-ensure waits for,
;;; flymake's start, and the didChange eglot sends when Emacs is idle.
(require 'json)
(require 'flymake)

(defun tf-emit (step fields)
  (princ (concat (json-encode (cons (cons 'step step) fields)) "\n")))

(defun tf-fail (what)
  (tf-emit "error" `((message . ,what)))
  (kill-emacs 1))

(defun tf-wait (what timeout predicate)
  (let ((deadline (+ (float-time) timeout)))
    (while (not (funcall predicate))
      (when (> (float-time) deadline) (tf-fail (concat "timed out waiting for " what)))
      (accept-process-output nil 0.05))))

(defun tf-diagnostics ()
  "Flymake's diagnostics of the buffer as plain data: 0-based lines and columns, eglot's LSP code and source."
  (let (list)
    (dolist (diag (flymake-diagnostics))
      (let* ((lsp (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data diag))))
             (beg (flymake-diagnostic-beg diag))
             (end (flymake-diagnostic-end diag)))
        (push `((code . ,(plist-get lsp :code))
                (source . ,(plist-get lsp :source))
                (type . ,(symbol-name (flymake-diagnostic-type diag)))
                (line . ,(1- (line-number-at-pos beg)))
                (col . ,(save-excursion (goto-char beg) (current-column)))
                (end_line . ,(1- (line-number-at-pos end)))
                (end_col . ,(save-excursion (goto-char end) (current-column)))
                (message . ,(flymake-diagnostic-text diag)))
              list)))
    (sort list (lambda (a b) (or (< (alist-get 'line a) (alist-get 'line b))
                                 (and (= (alist-get 'line a) (alist-get 'line b)) (< (alist-get 'col a) (alist-get 'col b))))))))

(defun tf-codes ()
  (mapcar (lambda (d) (alist-get 'code d)) (tf-diagnostics)))

(defun tf-open (file)
  "Visits FILE, connects eglot as the command loop would, and starts flymake."
  (find-file file)
  (unless (eq major-mode 'tinyforge-yaml-mode) (tf-fail (format "%s opened in %s" file major-mode)))
  (run-hooks 'post-command-hook)
  (tf-wait "eglot to manage the buffer" 20 #'eglot-managed-p)
  (flymake-start))

(defun tf-goto (line col)
  (goto-char (point-min))
  (forward-line line)
  (move-to-column col))

(defun tf-hover ()
  "What eglot shows for a hover at point (eglot--hover-info renders it as eldoc would)."
  (let ((answer (jsonrpc-request (eglot-current-server) :textDocument/hover (eglot--TextDocumentPositionParams))))
    (and answer (eglot--hover-info (plist-get answer :contents) (plist-get answer :range)))))

(condition-case failure
    (progn
      ;; 1. A broken file: the diagnostics Flymake shows.
      (tf-open (getenv "TF_BROKEN"))
      (tf-wait "two diagnostics" 20 (lambda () (= (length (flymake-diagnostics)) 2)))
      (tf-emit "broken" `((mode . ,(symbol-name major-mode))
                          (parent . ,(symbol-name (symbol-function 'tinyforge-yaml-parent-mode)))
                          (diagnostics . ,(vconcat (tf-diagnostics)))))

      ;; 2. Completion at the empty line under deploy: (line 3), and the hover on healthcheck (line 4).
      (tf-goto 3 2)
      (let* ((capf (eglot-completion-at-point))
             (labels (and capf (all-completions "" (nth 2 capf)))))
        (tf-goto 4 4)
        (tf-emit "features" `((completion . ,(vconcat labels)) (hover . ,(or (tf-hover) "")))))

      ;; 3. The unknown-key quick fix, as eglot-code-actions finds it on the key and applies it.
      (tf-goto 2 2)
      (let* ((actions (eglot-code-actions (line-beginning-position) (line-end-position)))
             (titles (mapcar (lambda (action) (plist-get action :title)) actions))
             (rename (seq-find (lambda (action) (string-prefix-p "Rename" (plist-get action :title))) actions)))
        (unless rename (tf-fail (format "no rename among %S" titles)))
        (eglot--apply-workspace-edit (plist-get rename :edit))
        (eglot--signal-textDocument/didChange)
        (tf-wait "one diagnostic left" 20 (lambda () (equal (tf-codes) '("invalid-type"))))
        (tf-emit "fixed" `((offered . ,(vconcat titles))
                           (lines . ,(vconcat (split-string (buffer-string) "\n" t)))
                           (diagnostics . ,(vconcat (tf-diagnostics))))))

      ;; 4. The demo's shop-api file against the dev server: drift and not-managed.
      (tf-open (getenv "TF_LIVE"))
      (tf-wait "the live findings" 30 (lambda () (member "drift" (tf-codes))))
      (tf-goto 3 9)
      (tf-emit "live" `((diagnostics . ,(vconcat (tf-diagnostics))) (hover . ,(or (tf-hover) ""))))
      (kill-emacs 0))
  (error (tf-fail (format "%S" failure))))
