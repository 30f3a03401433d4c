#include "cli/needed_options.hpp"

#include <algorithm>

namespace preflight::cli {

NeededOptions::NeededOptions(std::span<const std::string_view> args,
                             std::initializer_list<std::string_view> known) {
  auto is_known = [&](std::string_view name) {
    return std::find(known.begin(), known.end(), name) != known.end();
  };
  for (std::string_view word : args) {
    if (word == "--")
      break; // only positional arguments follow
    if (word.size() < 2 || word[0] != '-')
      continue; // a value or a positional argument
    if (word == "-h" || word == "--help" || word == "--help-all") {
      m_all = true;
      return;
    }
    if (word[1] == '-') { // --name or --name=value
      std::string_view name = word.substr(0, word.find('='));
      if (!is_known(name)) {
        m_all = true;
        return;
      }
      m_long.push_back(name);
      continue;
    }
    // -x, -xVALUE or -xyz (flags together): any letter may name an option
    // (-h for help among them); an unknown first one is a mistake for CLI11
    // to report.
    if (!is_known(word.substr(0, 2)) || word.find('h') != std::string_view::npos) {
      m_all = true;
      return;
    }
    m_short.append(word.substr(1));
  }
}

bool NeededOptions::operator()(std::string_view names) const {
  if (m_all)
    return true;
  while (!names.empty()) {
    std::string_view name = names.substr(0, names.find(','));
    names.remove_prefix(std::min(names.size(), name.size() + 1));
    if (name.size() < 2 || name[0] != '-')
      return true; // positional
    if (name[1] == '-' ? std::find(m_long.begin(), m_long.end(), name) != m_long.end()
                       : name.size() == 2 && m_short.find(name[1]) != std::string::npos)
      return true;
  }
  return false;
}

} // namespace preflight::cli
