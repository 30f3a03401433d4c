#include "config/diagnostics.hpp"

#include <yaml-cpp/yaml.h>

namespace preflight::config {

Location Diagnostics::locate(const YAML::Node& node) const {
  YAML::Mark mark = node.Mark();
  if (mark.is_null())
    return {m_file, 0, 0};
  return {m_file, mark.line + 1, mark.column + 1};
}

void Diagnostics::error(Location where, std::string message) {
  m_all.push_back({std::move(where), std::move(message)});
}

void Diagnostics::error(const YAML::Node& node, std::string message) {
  error(locate(node), std::move(message));
}

void Diagnostics::append(const Diagnostics& other) {
  m_all.insert(m_all.end(), other.m_all.begin(), other.m_all.end());
}

std::string Diagnostics::str() const {
  std::string out;
  for (const auto& d : m_all) {
    if (!out.empty())
      out += '\n';
    out += d.where.str() + ": " + d.message;
  }
  return out;
}

} // namespace preflight::config
