// What `preflight init` adds besides .preflight.yaml: .gitignore entries of a
// template (templates/<name>.gitignore), and the look at the repository that
// suggests a template.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace preflight::cli {

struct GitignoreMerge {
  std::string text;               // the new .gitignore
  std::vector<std::string> added; // the entries appended, in template order
};

// Appends to existing (a .gitignore's text, maybe empty) the entries of
// template_text (one per line; comments and blank lines skipped) that existing
// does not already cover, under a comment naming the template. An entry is
// covered by an existing line (not a comment, not a negation) that is the same
// once normalised (surrounding spaces, a trailing "/" and a leading "**/"
// dropped), or by one whose wildcards match it ("*.py[cod]" covers "*.pyc").
// existing is kept byte for byte; a missing final newline is added before the
// new lines, which use the file's line ending (CRLF when it has one).
GitignoreMerge merge_gitignore(std::string_view existing, std::string_view template_text,
                               std::string_view template_name);

// A file under root (the work tree) that suggests the pytorch template: the
// first .ipynb, .pt or .pth found, tracked or not (an ignored checkpoint is
// still a sign). Symbolic links are not followed, .git, node_modules and .venv
// not entered, and the walk stops after max_entries entries. Relative path, or
// nullopt.
std::optional<std::string> find_ml_file(const std::filesystem::path& root,
                                        std::size_t max_entries = 20000);

} // namespace preflight::cli
