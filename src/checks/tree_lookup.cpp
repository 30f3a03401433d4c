#include "checks/tree_lookup.hpp"

#include <algorithm>

namespace preflight::checks {

std::vector<TreeLookup::Entry> PathListTree::list(std::string_view dir) const {
  std::string prefix = dir.empty() ? std::string() : std::string(dir) + "/";
  std::vector<Entry> out;
  // A folder's paths are contiguous in byte order: every path between two of
  // them starts with the same "dir/name/".
  for (auto it = std::lower_bound(m_paths.begin(), m_paths.end(), prefix);
       it != m_paths.end() && it->starts_with(prefix); ++it) {
    std::string_view rest = std::string_view(*it).substr(prefix.size());
    std::size_t slash = rest.find('/');
    std::string_view name = rest.substr(0, slash);
    bool folder = slash != std::string_view::npos;
    if (folder && !out.empty() && out.back().folder && out.back().name == name)
      continue;
    out.push_back({std::string(name), folder});
  }
  return out;
}

bool PathListTree::contains(std::string_view path, bool or_folder) const {
  auto it = std::lower_bound(m_paths.begin(), m_paths.end(), path);
  if (it != m_paths.end() && *it == path)
    return true;
  if (!or_folder)
    return false;
  std::string folder = std::string(path) + "/";
  it = std::lower_bound(it, m_paths.end(), folder);
  return it != m_paths.end() && it->starts_with(folder);
}

} // namespace preflight::checks
