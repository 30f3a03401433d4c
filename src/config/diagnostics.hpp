// Collected problems with rules files. Validation appends every problem it finds,
// so that one run reports all of them; the loader throws once at the end.
#pragma once

#include "util/error.hpp"

#include <string>
#include <vector>

namespace YAML {
class Node;
}

namespace preflight::config {

struct Diagnostic {
  Location where;
  std::string message; // "unknown key \"max_sise\" (did you mean \"max_size\"?)"
};

class Diagnostics {
public:
  explicit Diagnostics(std::string file = {}) : m_file(std::move(file)) {}

  // The file that node locations refer to.
  const std::string& file() const { return m_file; }
  void set_file(std::string file) { m_file = std::move(file); }

  void error(Location where, std::string message);
  // Locates the problem at node's mark in file().
  void error(const YAML::Node& node, std::string message);
  // The location of node in file() (1-based line and column).
  Location locate(const YAML::Node& node) const;

  const std::vector<Diagnostic>& all() const { return m_all; }
  bool empty() const { return m_all.empty(); }
  void append(const Diagnostics& other);

  // Every diagnostic as "file:line:col: message", one per line.
  std::string str() const;

private:
  std::string m_file;
  std::vector<Diagnostic> m_all;
};

} // namespace preflight::config
