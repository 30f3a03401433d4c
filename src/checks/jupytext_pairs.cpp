// jupytext-pairs: a notebook paired with a script by jupytext (through its
// metadata.jupytext.formats, the script's jupytext header, or a jupytext
// config file in the repository) is committed together with its pair, and
// both carry the same cells.
//
// For every pair with a side in the commit (added or changed):
//  - the other side must be in the index too (staged now or unchanged). When
//    it is not, what it is decides: a file in the working tree that is not
//    staged, or one the commit deletes (it is in HEAD), is refused; one that
//    has never existed (in none of HEAD, the index, the working tree) is only
//    warned of (jupytext.missing), since many projects commit the notebook of
//    an "ipynb,md" pair alone. It may also be missing when git ignores it
//    (versioning only the script, or only the notebook, is a common set-up),
//    or when the pairing comes from a config file and the missing side is the
//    notebook (the config pairs every script that has one, so a script without
//    a notebook is a plain script);
//  - the cells must match (jupytext.compare: cells, code or presence), as
//    src/jupytext/cells.hpp reads them. A side that the commit leaves unchanged
//    is the one named out of sync, or named as changed but not staged when its
//    working-tree copy is in sync.
// The pair is read from the index (what is checked is what is committed); the
// working tree and HEAD only tell what a side missing from it is.
// Known false positives: text formats written with options this reader does
// not know (custom cell_markers, comment_magics: false with "# %" lines);
// jupytext.compare: code or presence is the way out.
#include "checks/jupytext_pairs.hpp"
#include "checks/staged_content.hpp"

#include "jupytext/cells.hpp"
#include "jupytext/config_file.hpp"
#include "jupytext/formats.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <filesystem>
#include <limits>
#include <map>
#include <unordered_map>

namespace preflight::checks {

namespace {

using jupytext::Format;
using jupytext::Token;

constexpr std::size_t k_probe_read = 512;
constexpr std::size_t k_header_read = 16 << 10;

enum class Source { metadata, header, config };

// What a side of a pair that is not in the index is.
enum class Absence { never_existed, deleted, not_staged };

struct ConfigInfo {
  std::string dir;
  std::string file;
  std::vector<std::string> groups;
};

std::string parent_dir(const std::string& path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

std::string shorten(std::string_view text) {
  std::string first(text.substr(0, text.find('\n')));
  if (first.size() > 60)
    first = first.substr(0, 57) + "...";
  else if (first.size() < text.size())
    first += "...";
  return preflight::quoted(first);
}

std::string describe(const Token& token) {
  switch (token.kind) {
  case jupytext::CellKind::code: return "code line " + shorten(token.text);
  case jupytext::CellKind::markdown: return "markdown cell " + shorten(token.text);
  case jupytext::CellKind::raw: return "raw cell " + shorten(token.text);
  }
  return "";
}

// The first difference between the notebook's and the text file's cells, or "".
std::string difference(const std::vector<Token>& notebook, const std::vector<Token>& text,
                       std::string_view text_kind) {
  std::size_t i = 0;
  while (i < notebook.size() && i < text.size() && notebook[i] == text[i])
    ++i;
  if (i < notebook.size() && i < text.size())
    return "the notebook has " + describe(notebook[i]) + " where the " + std::string(text_kind) +
           " has " + describe(text[i]);
  if (i < notebook.size())
    return "the notebook has " + describe(notebook[i]) + " that the " + std::string(text_kind) +
           " lacks";
  if (i < text.size())
    return "the " + std::string(text_kind) + " has " + describe(text[i]) +
           " that the notebook lacks";
  return "";
}

class PairChecker {
public:
  PairChecker(const Context& context, report::Report& report)
      : m_context(context), m_report(report), m_input(content_to_check(context, m_held)) {
    m_compare = context.config.get_string("jupytext.compare");
    m_missing = context.config.get_string("jupytext.missing");
  }

  void run() {
    // The staged notebooks and scripts, in path order. Most commits have none:
    // then no staged file is looked up, and the lookup table is never built.
    std::vector<std::pair<std::string, std::string>> sides; // path, extension
    for (const FileChange& change : m_input.changes)
      if (change.mode != k_mode_symlink && change.mode != k_mode_gitlink) {
        std::string ext = jupytext::split_extension(change.path).second;
        if (ext == ".ipynb" || jupytext::is_notebook_extension(ext))
          sides.emplace_back(change.path, std::move(ext));
      }
    std::sort(sides.begin(), sides.end());
    sides.erase(std::unique(sides.begin(), sides.end()), sides.end());
    for (const auto& [path, ext] : sides) {
      if (ext == ".ipynb")
        from_notebook(path);
      else
        from_text(path, ext);
    }
  }

private:
  // The staged file (not a link or submodule) at path, or null.
  const FileChange* staged(std::string_view path) const {
    if (!m_staged) {
      m_staged.emplace(m_input.changes.size());
      for (const FileChange& change : m_input.changes)
        if (change.mode != k_mode_symlink && change.mode != k_mode_gitlink)
          m_staged->emplace(change.path, &change);
    }
    auto it = m_staged->find(path);
    return it == m_staged->end() ? nullptr : it->second;
  }

  bool in_index(const std::string& path) const {
    if (staged(path))
      return true;
    PathListTree listed(m_input.tree_paths);
    return (m_input.tree ? *m_input.tree : listed).contains(path, false);
  }

  // The index entry of a file (not a symlink or submodule), or nullopt.
  std::optional<FileChange> index_entry(const std::string& path) const {
    std::optional<FileChange> entry;
    if (const FileChange* change = staged(path))
      entry = *change;
    else
      entry = m_context.repo.index_entry(path);
    if (!entry || entry->mode == k_mode_symlink || entry->mode == k_mode_gitlink)
      return std::nullopt;
    return entry;
  }

  std::optional<std::string> read(const std::string& path, std::size_t max) const {
    if (m_worktree_copy && m_worktree_copy->first == path)
      return m_worktree_copy->second.substr(0, max);
    auto entry = index_entry(path);
    if (!entry)
      return std::nullopt;
    return m_input.blobs->read_head(*entry, max).bytes;
  }

  // A config file's bytes, or nullopt (with a warning when it is too big to read).
  std::optional<std::string> read_config(const std::string& path) {
    auto entry = index_entry(path);
    if (!entry)
      return std::nullopt;
    BlobReader::Head head = m_input.blobs->read_head(*entry, jupytext::k_max_config_bytes + 1);
    if (head.size > jupytext::k_max_config_bytes) {
      warn(path,
           "the jupytext config " + preflight::quoted(path) + " is not read: it has " +
               std::to_string(head.size) + " bytes, more than the " +
               std::to_string(jupytext::k_max_config_bytes >> 20) + " MiB a config may have",
           "shorten it; notebooks are not paired through it meanwhile");
      return std::nullopt;
    }
    return std::move(head.bytes);
  }

  // What side, missing from the index, is: deleted by the commit (in HEAD), in
  // the working tree but not staged, or never created.
  Absence absence(const std::string& side) {
    if (!m_head_paths) {
      m_head_paths.emplace();
      try {
        *m_head_paths = m_context.repo.tree_paths(m_context.repo.resolve_commit("HEAD"));
      } catch (const Error&) { // no commit yet
      }
    }
    if (std::binary_search(m_head_paths->begin(), m_head_paths->end(), side))
      return Absence::deleted;
    std::error_code ec;
    if (std::filesystem::symlink_status(m_context.root / side, ec).type() !=
        std::filesystem::file_type::not_found)
      return ec ? Absence::never_existed : Absence::not_staged;
    return Absence::never_existed;
  }

  void warn(const std::string& path, std::string message, std::string hint) {
    report::Finding f;
    f.check = "jupytext-pairs";
    f.severity = report::Severity::warning;
    f.path = path;
    f.message = std::move(message);
    f.hint = std::move(hint);
    m_report.add(std::move(f));
  }

  void refuse(const std::string& path, std::string message, std::string hint) {
    report::Finding f;
    f.check = "jupytext-pairs";
    f.path = path;
    f.message = std::move(message);
    f.hint = std::move(hint);
    m_report.add(std::move(f));
  }

  // The jupytext config file that applies to files in dir, if any.
  const std::optional<ConfigInfo>& config_for(const std::string& dir) {
    if (auto it = m_configs.find(dir); it != m_configs.end())
      return it->second;
    std::optional<ConfigInfo> found;
    std::vector<std::string_view> names(jupytext::config_file_names().begin(),
                                        jupytext::config_file_names().end());
    names.push_back(jupytext::k_pyproject);
    for (std::string_view name : names) {
      std::string path = dir.empty() ? std::string(name) : dir + "/" + std::string(name);
      if (!in_index(path))
        continue;
      auto text = read_config(path);
      if (!text)
        continue;
      std::string error;
      auto formats = jupytext::read_config_formats(name, *text, error);
      if (!formats) {
        warn(path, "cannot read the jupytext config " + preflight::quoted(path) + ": " + error,
             "fix it; notebooks are not paired through it meanwhile");
        continue;
      }
      if (!formats->found)
        continue;
      found = ConfigInfo{dir, path, formats->groups};
      break;
    }
    if (!found && !dir.empty())
      found = config_for(parent_dir(dir));
    return m_configs[dir] = found;
  }

  // The group of the config's formats that pairs path (jupytext's default_formats).
  std::optional<std::string> config_group(const std::string& path, const ConfigInfo& config) {
    for (const std::string& group : config.groups) {
      std::string error;
      auto formats = jupytext::parse_formats(group, error);
      if (!formats) {
        warn(config.file,
             "jupytext formats " + preflight::quoted(group) + " in " + config.file + ": " + error,
             "fix the formats option");
        continue;
      }
      for (const Format& format : *formats)
        if (jupytext::base_path(path, format, {}, config.dir))
          return group;
    }
    return std::nullopt;
  }

  // Where path's pairing comes from: its own formats (the notebook's metadata or
  // the script's header, as own_source) else the config's group that pairs it.
  struct Pairing {
    std::string group;
    Source source;
    std::optional<std::string_view> config_dir; // the config's folder, when there is one
  };
  std::optional<Pairing> pairing_of(const std::string& path, const std::optional<std::string>& own,
                                    Source own_source, const std::optional<ConfigInfo>& config) {
    std::optional<std::string> group = own;
    Source source = own_source;
    if (!group && config) {
      group = config_group(path, *config);
      source = Source::config;
    }
    if (!group)
      return std::nullopt;
    Pairing pairing{std::move(*group), source, std::nullopt};
    if (config)
      pairing.config_dir = config->dir;
    return pairing;
  }

  // The paths paired with path: through the first of formats that has its
  // extension (and format name) and fits it, as jupytext tries them.
  static std::optional<std::vector<std::pair<std::string, Format>>>
  pair_of(const std::string& path, const std::string& ext,
          const std::optional<std::string>& format_name, const std::vector<Format>& formats,
          std::optional<std::string_view> config_dir) {
    for (const Format& format : formats) {
      if (format.extension != ext ||
          (format_name && format.format_name && *format_name != *format.format_name))
        continue;
      if (auto paired = jupytext::paired_paths(path, format, formats, config_dir))
        return paired;
    }
    return std::nullopt;
  }

  void from_notebook(const std::string& path) {
    auto bytes = read(path, std::numeric_limits<std::size_t>::max());
    if (!bytes)
      return;
    std::string error;
    auto cells = jupytext::read_notebook_cells(*bytes, error);
    if (!cells)
      return; // the notebook check reports unreadable notebooks
    auto pairing = pairing_of(path, cells->formats, Source::metadata, config_for(parent_dir(path)));
    if (!pairing)
      return;
    const std::string& group = pairing->group;
    auto formats = jupytext::parse_formats(group, error);
    if (!formats) {
      warn(path, "cannot read the jupytext formats " + preflight::quoted(group) + ": " + error,
           "fix them with `jupytext --set-formats`");
      return;
    }
    auto paired = pair_of(path, ".ipynb", std::nullopt, *formats, pairing->config_dir);
    if (!paired) {
      warn(path,
           "the jupytext formats " + preflight::quoted(group) + " do not pair " +
               preflight::quoted(path),
           "fix them with `jupytext --set-formats`");
      return;
    }
    for (const auto& [other, format] : *paired)
      if (other != path && format.extension != ".ipynb")
        check_pair(path, other, format, group, pairing->source, &*cells);
  }

  void from_text(const std::string& path, const std::string& ext) {
    auto comment = jupytext::line_comment(ext);
    const auto& config = config_for(parent_dir(path));
    // Most scripts are no notebooks: without a config, a look at their first
    // bytes for the header's fence decides.
    auto head = read(path, config ? k_header_read : k_probe_read);
    if (!head)
      return;
    if (!config) {
      std::string fence = comment ? *comment + " ---" : "---";
      if (head->find(fence) == std::string::npos)
        return;
      if (head->size() == k_probe_read)
        head = read(path, k_header_read);
    }
    jupytext::Header header = jupytext::read_header(*head, comment.value_or(""));
    auto pairing = pairing_of(path, header.formats, Source::header, config);
    if (!pairing)
      return;
    const std::string& group = pairing->group;
    std::string error;
    auto formats = jupytext::parse_formats(group, error);
    if (!formats)
      return warn(path,
                  "cannot read the jupytext formats " + preflight::quoted(group) + " of " +
                      preflight::quoted(path) + ": " + error,
                  "fix them with `jupytext --set-formats`");
    auto paired = pair_of(path, ext, header.format_name, *formats, pairing->config_dir);
    if (!paired)
      return;
    auto own = std::find_if(paired->begin(), paired->end(),
                            [&](const auto& item) { return item.first == path; });
    for (const auto& [other, format] : *paired)
      if (format.extension == ".ipynb" && own != paired->end())
        check_pair(other, path, own->second, group, pairing->source, nullptr);
  }

  void check_pair(const std::string& nb, const std::string& text, const Format& text_format,
                  const std::string& group, Source source, const jupytext::NotebookCells* cells) {
    if (!m_checked.insert(nb + '\n' + text).second)
      return;
    bool nb_staged = staged(nb) != nullptr;
    bool text_staged = staged(text) != nullptr;
    std::string sync = "jupytext --sync " + shell_word(nb_staged ? nb : text);
    std::string pairing = " (jupytext formats " + preflight::quoted(group) + ")";
    for (const std::string* missing : {&nb, &text}) {
      if (in_index(*missing))
        continue;
      if (m_context.repo.is_ignored(*missing))
        return;
      if (missing == &nb && source == Source::config)
        return;
      const std::string& present = missing == &nb ? text : nb;
      return report_missing(*missing, present, pairing, sync);
    }
    if (m_compare == "presence")
      return;
    auto comparison = compare(nb, text, text_format, cells);
    if (!comparison || comparison->empty())
      return;
    std::string hint = "run `" + sync + "` (it takes the cells from the most recently changed " +
                       "file), then `git add -- " + shell_word(nb) + " " + shell_word(text) + "`";
    if (nb_staged && text_staged)
      return refuse(text,
                    preflight::quoted(nb) + " and " + preflight::quoted(text) + " are paired" +
                        pairing + " but their cells differ: " + *comparison,
                    hint);
    const std::string& stale = nb_staged ? text : nb;
    const std::string& fresh = nb_staged ? nb : text;
    if (synced_in_working_tree(nb, text, text_format, cells, stale))
      return refuse(stale,
                    preflight::quoted(stale) + " is paired with " + preflight::quoted(fresh) +
                        pairing + " and changed in the working tree, but that change is not " +
                        "staged: the commit has the old " + preflight::quoted(stale) +
                        ", in which " + *comparison,
                    "run `git add -- " + shell_word(stale) + "`");
    refuse(stale,
           preflight::quoted(stale) + " is out of sync with " + preflight::quoted(fresh) + pairing +
               ": " + *comparison,
           hint);
  }

  // A pair side that is not in the index: refused when it exists (not staged)
  // or the commit deletes it; at most a warning when it never existed.
  void report_missing(const std::string& missing, const std::string& present,
                      const std::string& pairing, const std::string& sync) {
    std::string paired =
        preflight::quoted(missing) + " is paired with " + preflight::quoted(present) + pairing;
    switch (absence(missing)) {
    case Absence::not_staged:
      return refuse(
          missing, paired + " but is not staged: it is in the working tree, not in " + "the commit",
          "run `" + sync + " && git add -- " + shell_word(missing) +
              "`, or list it in .gitignore to leave it out of the repository");
    case Absence::deleted:
      return refuse(missing,
                    paired + " but the commit deletes it (it is in HEAD, not in the index)",
                    "restore it with `git restore --source=HEAD --staged --worktree -- " +
                        shell_word(missing) + "`, or unpair first: `jupytext --set-formats ipynb " +
                        shell_word(present) + "` (or drop it from the jupytext config)");
    case Absence::never_existed:
      if (m_missing == "ignore")
        return;
      std::string message =
          paired + " but does not exist (not in HEAD, the index or the " + "working tree)";
      if (m_missing == "refuse")
        return refuse(missing, message,
                      "run `" + sync + " && git add -- " + shell_word(missing) +
                          "`, or set jupytext.missing: warn");
      return warn(missing, message, "");
    }
  }

  // Whether stale's working-tree copy (not the committed one) is in sync.
  bool synced_in_working_tree(const std::string& nb, const std::string& text,
                              const Format& text_format, const jupytext::NotebookCells* cells,
                              const std::string& stale) {
    auto entry = index_entry(stale);
    std::optional<std::string> worktree = read_file_if_exists(m_context.root / stale);
    if (!entry || !worktree ||
        *worktree == m_input.blobs->read_head(*entry, worktree->size() + 1).bytes)
      return false;
    m_worktree_copy = {stale, std::move(*worktree)};
    auto comparison = compare(nb, text, text_format, stale == nb ? nullptr : cells);
    m_worktree_copy.reset();
    return comparison && comparison->empty();
  }

  // The first difference of the pair's cells, "" when in sync, nullopt when
  // this format's cells are not compared.
  std::optional<std::string> compare(const std::string& nb, const std::string& text,
                                     const Format& format, const jupytext::NotebookCells* cells) {
    std::optional<jupytext::NotebookCells> own;
    std::string error;
    if (!cells) {
      auto bytes = read(nb, std::numeric_limits<std::size_t>::max());
      if (!bytes || !(own = jupytext::read_notebook_cells(*bytes, error)))
        return std::nullopt;
      cells = &*own;
    }
    auto bytes = read(text, std::numeric_limits<std::size_t>::max());
    if (!bytes)
      return std::nullopt;
    std::string name = format.format_name.value_or("");
    if (name.empty())
      if (auto header_name =
              jupytext::read_header(*bytes, jupytext::line_comment(format.extension).value_or(""))
                  .format_name)
        name = *header_name;
    bool code = m_compare == "code";
    if (format.extension == ".md" || format.extension == ".markdown") {
      if (!name.empty() && name != "markdown")
        return std::nullopt;
      return difference(jupytext::code_only(cells->tokens),
                        jupytext::read_markdown_code(*bytes, cells->language), "text file");
    }
    auto comment = jupytext::line_comment(format.extension);
    if (!comment)
      return std::nullopt;
    auto tokens = jupytext::read_script_cells(*bytes, *comment, name, format.extension == ".py");
    if (!tokens)
      return std::nullopt;
    if (code)
      return difference(jupytext::code_only(cells->tokens), jupytext::code_only(*tokens), "script");
    return difference(cells->tokens, *tokens, "script");
  }

  const Context& m_context;
  report::Report& m_report;
  std::optional<ContentInput> m_held; // --all-files / --files: the index's files
  const ContentInput& m_input;
  // The staged files (not links or submodules) by path, the first of each;
  // built on the first lookup.
  mutable std::optional<std::unordered_map<std::string_view, const FileChange*>> m_staged;
  std::string m_compare;
  std::string m_missing;
  std::optional<std::vector<std::string>> m_head_paths; // HEAD's paths, read when first needed
  // While set, read() gives this file's working-tree copy instead of the index's.
  std::optional<std::pair<std::string, std::string>> m_worktree_copy;
  std::map<std::string, std::optional<ConfigInfo>> m_configs;
  std::set<std::string> m_checked;
};

} // namespace

void check_jupytext_pairs(const Context& context, report::Report& report) {
  if (!context.config.get_bool("jupytext.enabled"))
    return;
  PairChecker(context, report).run();
}

} // namespace preflight::checks
