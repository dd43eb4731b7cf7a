/** Options the client sends in `initialize` (and again in `workspace/didChangeConfiguration` under `tinyforge`). */
export interface TinyforgeSettings {
  /** Extra globs, relative to a workspace folder, of files to treat as `.tinyforge.yml` (setting `tinyforge.files`). */
  files?: string[];
}
